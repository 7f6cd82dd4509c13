// owned by the mremap engineer
/**
 * mremap(2): the order of checks and what each kind of call leaves behind, per profile.
 * 6.18 expectations are the host kernel's transcripts (tests/conformance/mremap); the older
 * profiles follow mm/mremap.c of their version (see the header of mremap.ts).
 */
import { describe, expect, it } from 'vitest';
import { Mm } from '../mm';
import { profileFor } from '../profiles';
import { sysMmap } from './mmap';
import { sysMremap } from './mremap';
import { sysMemfdCreate, sysFtruncate } from './memfd';
import { accessPage, FAULT_OK, FAULT_SIGBUS } from '../fault';
import type { Effect } from '../effects';
import { EFAULT, EINVAL, ENOMEM } from '../errno';
import {
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_LOCKED,
  MAP_PRIVATE,
  MAP_SHARED,
  MREMAP_DONTUNMAP,
  MREMAP_FIXED,
  MREMAP_MAYMOVE,
  PROT_READ,
  PROT_WRITE,
} from '../uapi';
import {
  VM_ACCOUNT,
  VM_LOCKED,
  VM_LOCKONFAULT,
  VM_UFFD_MISSING,
  vmaLookup,
  type Vma,
} from '../vma';

const K = 1024;
const M = 1024 * K;
const R = 0x100000000000;
const RW = PROT_READ | PROT_WRITE;
const ANON = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
const MOVE = MREMAP_MAYMOVE | MREMAP_FIXED;
const DONTUNMAP = MOVE | MREMAP_DONTUNMAP;

function newMm(version: string | null = null): Mm {
  const p = profileFor(version);
  if (p === null) throw new Error('profile');
  return new Mm(p);
}

function mmap(
  mm: Mm,
  addr: number,
  len: number,
  flags = ANON,
  fd = -1,
  off = 0,
  prot = RW,
): number {
  const r = sysMmap(
    mm,
    BigInt(addr),
    BigInt(len),
    BigInt(prot),
    BigInt(flags),
    BigInt(fd),
    BigInt(off),
  );
  expect(r.errno).toBe(0);
  return Number(r.ret);
}

function memfd(mm: Mm, size: number): number {
  const fd = Number(sysMemfdCreate(mm, 'm', 0n).ret);
  expect(sysFtruncate(mm, BigInt(fd), BigInt(size)).errno).toBe(0);
  return fd;
}

function store(mm: Mm, addr: number, len: number, tag = 0x41): void {
  for (let a = addr; a < addr + len; a += 4096)
    expect(accessPage(mm, 'main', a, true, tag)).toBe(FAULT_OK);
}

function load(mm: Mm, addr: number): number {
  expect(accessPage(mm, 'main', addr, false, 0)).toBe(FAULT_OK);
  return mm.lastTag;
}

/** mremap with u64 arguments; returns the address or -errno. */
function mremap(
  mm: Mm,
  addr: number | bigint,
  oldLen: number | bigint,
  newLen: number | bigint,
  flags: number | bigint,
  newAddr: number | bigint = 0,
): number {
  const r = sysMremap(
    mm,
    BigInt(addr),
    BigInt(oldLen),
    BigInt(newLen),
    BigInt(flags),
    BigInt(newAddr),
  );
  return r.errno !== 0 ? -r.errno : Number(r.ret);
}

function layout(mm: Mm): string[] {
  return mm.vmas
    .filter((v) => !v.runtime)
    .map((v) => `${(v.start - R).toString(16)}-${(v.end - R).toString(16)}`);
}

function present(mm: Mm, addr: number): boolean {
  const s = mm.pt.pteSlot(addr);
  return s >= 0 && mm.pt.pte.data[s] !== 0;
}

describe('6.18: parameter checks before the lookup', () => {
  it('gives EINVAL, not EFAULT, on an unmapped source (params_einval_before_efault)', () => {
    const mm = newMm();
    expect(mremap(mm, R, 4 * K, 4 * K, 8)).toBe(-EINVAL);
    expect(mremap(mm, R + 1, 4 * K, 4 * K, 0)).toBe(-EINVAL);
    expect(mremap(mm, R, 4 * K, 0, MREMAP_MAYMOVE)).toBe(-EINVAL);
    expect(mremap(mm, R, 4 * K, (1n << 64n) - 1n, MREMAP_MAYMOVE)).toBe(-EINVAL);
    expect(mremap(mm, R, 4 * K, (1n << 64n) - 4095n, MREMAP_MAYMOVE)).toBe(-EINVAL);
    expect(mremap(mm, R, 4 * K, 8 * K, MREMAP_MAYMOVE)).toBe(-EFAULT);
    expect(mremap(mm, R, 4 * K, 4 * K, 0)).toBe(-EFAULT);
  });

  it('rejects new_len > TASK_SIZE before the lookup (params_new_len_over_task_size)', () => {
    const mm = newMm();
    expect(mremap(mm, 0x200000000000, 4 * K, 0x800000000000, 0)).toBe(-EINVAL);
    expect(mremap(mm, 0x200000000000, 4 * K, 0x7ffffffff000, 0)).toBe(-EFAULT);
  });

  it('rejects overlap and a too-high new_addr before the lookup (params_overlap_before_efault)', () => {
    const mm = newMm();
    expect(mremap(mm, R, 16 * K, 16 * K, MOVE, R + 8 * K)).toBe(-EINVAL);
    expect(mremap(mm, R, 16 * K, 16 * K, MOVE, 0x7ffffffff000)).toBe(-EINVAL);
    expect(mremap(mm, R, 16 * K, 16 * K, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, 0x7fffffffe000)).toBe(
      -EINVAL,
    );
    expect(mremap(mm, R, 16 * K, 16 * K, MOVE, R + M)).toBe(-EFAULT);
  });

  it('compares DONTUNMAP lengths after page rounding (params_dontunmap_resize)', () => {
    const mm = newMm();
    mmap(mm, R, 16 * K);
    expect(mremap(mm, R, 4 * K - 1, 4 * K, DONTUNMAP, R + M)).toBe(R + M);
    expect(mremap(mm, R, 16 * K, 32 * K, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, R + 2 * M)).toBe(
      -EINVAL,
    );
  });

  it('leaves the destination alone when the VMA checks fail (fixed_failure_keeps_destination)', () => {
    const mm = newMm();
    mmap(mm, R, 4 * K);
    mmap(mm, R + M, 16 * K);
    store(mm, R + M, 16 * K, 0x44);
    expect(mremap(mm, R, 8 * K, 16 * K, MOVE, R + M)).toBe(-EFAULT);
    expect(layout(mm)).toEqual(['0-1000', '100000-104000']);
    expect(load(mm, R + M)).toBe(0x44);
  });
});

describe('before 6.17', () => {
  it('6.8 looks the VMA up first, then the mremap_to() address checks (EFAULT)', () => {
    const mm = newMm('6.8');
    expect(mremap(mm, R, 16 * K, 16 * K, MOVE, R + 8 * K)).toBe(-EFAULT);
    expect(mremap(mm, 0x200000000000, 4 * K, 0x800000000000, 0)).toBe(-EFAULT);
  });

  it('6.8: a grow to more than TASK_SIZE fails in get_unmapped_area (ENOMEM)', () => {
    const mm = newMm('6.8');
    mmap(mm, R, 16 * K);
    expect(mremap(mm, R, 16 * K, 0x800000000000, MREMAP_MAYMOVE)).toBe(-ENOMEM);
  });

  it('6.8: a failing FIXED call has already unmapped its destination', () => {
    const mm = newMm('6.8');
    mmap(mm, R, 4 * K);
    mmap(mm, R + M, 16 * K);
    expect(mremap(mm, R, 8 * K, 16 * K, MOVE, R + M)).toBe(-EFAULT);
    expect(layout(mm)).toEqual(['0-1000']);
  });

  it('6.8: DONTUNMAP compares the raw lengths', () => {
    const mm = newMm('6.8');
    mmap(mm, R, 16 * K);
    expect(mremap(mm, R, 4 * K - 1, 4 * K, DONTUNMAP, R + M)).toBe(-EINVAL);
    expect(mremap(mm, R, 4 * K, 4 * K, DONTUNMAP, R + M)).toBe(R + M);
  });

  it('6.8: no multi-VMA move, a range past vm_end is EFAULT', () => {
    const mm = newMm('6.8');
    mmap(mm, R, 8 * K);
    mmap(mm, R + 8 * K, 8 * K, ANON, -1, 0, PROT_READ);
    expect(mremap(mm, R, 16 * K, 16 * K, MOVE, R + M)).toBe(-EFAULT);
    const m618 = newMm();
    mmap(m618, R, 8 * K);
    mmap(m618, R + 8 * K, 8 * K, ANON, -1, 0, PROT_READ);
    expect(mremap(m618, R, 16 * K, 16 * K, MOVE, R + M)).toBe(R + M);
    expect(layout(m618)).toEqual(['100000-102000', '102000-104000']);
  });

  it('5.7: a shrink or same-size call never looks the VMA up', () => {
    const mm = newMm('5.7');
    expect(mremap(mm, R, 8 * K, 4 * K, 0)).toBe(R);
    expect(mremap(mm, R, 8 * K, 8 * K, 0)).toBe(R);
    expect(mremap(newMm('6.8'), R, 8 * K, 4 * K, 0)).toBe(-EFAULT);
  });

  it('5.7: FIXED unmaps the destination before finding no source', () => {
    const mm = newMm('5.7');
    mmap(mm, R + M, 16 * K);
    expect(mremap(mm, R, 16 * K, 16 * K, MOVE, R + M)).toBe(-EFAULT);
    expect(layout(mm)).toEqual([]);
  });

  it('DONTUNMAP is private-anonymous only before 5.13', () => {
    for (const [version, ok] of [
      ['5.7', false],
      ['5.13', true],
      [null, true],
    ] as const) {
      const mm = newMm(version);
      const fd = memfd(mm, 16 * K);
      mmap(mm, R, 16 * K, MAP_SHARED | MAP_FIXED, fd);
      expect(mremap(mm, R, 16 * K, 16 * K, DONTUNMAP, R + M)).toBe(ok ? R + M : -EINVAL);
      const s = mmap(mm, R + 2 * M, 16 * K, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED);
      expect(mremap(mm, s, 16 * K, 16 * K, DONTUNMAP, R + 3 * M)).toBe(ok ? R + 3 * M : -EINVAL);
    }
    const old = newMm('5.6');
    mmap(old, R, 16 * K);
    expect(mremap(old, R, 16 * K, 16 * K, DONTUNMAP, R + M)).toBe(-EINVAL);
  });
});

describe('what each kind of call leaves behind', () => {
  it('DONTUNMAP keeps the source VMA, clears lo/lf, keeps ac, unlinks a whole anon_vma', () => {
    const mm = newMm();
    mmap(mm, R, 16 * K, ANON | MAP_LOCKED);
    const src = vmaLookup(mm, R)!;
    expect(src.flags & VM_LOCKED).toBe(VM_LOCKED);
    expect(src.anonVma).not.toBe(0);
    expect(mremap(mm, R, 16 * K, 16 * K, DONTUNMAP, R + M)).toBe(R + M);
    const s = vmaLookup(mm, R)!;
    expect(s.flags & (VM_LOCKED | VM_LOCKONFAULT)).toBe(0);
    expect(s.flags & VM_ACCOUNT).toBe(VM_ACCOUNT);
    expect(s.anonVma).toBe(0);
    expect(vmaLookup(mm, R + M)!.flags & VM_LOCKED).toBe(VM_LOCKED);
    expect(present(mm, R)).toBe(false);
    expect(present(mm, R + M)).toBe(true);
  });

  it('DONTUNMAP of part of a VMA neither splits it nor drops its anon_vma', () => {
    const mm = newMm();
    mmap(mm, R, 32 * K);
    // As mlock2(MLOCK_ONFAULT) leaves it.
    vmaLookup(mm, R)!.flags |= VM_LOCKED | VM_LOCKONFAULT;
    store(mm, R, 32 * K);
    expect(mremap(mm, R + 8 * K, 8 * K, 8 * K, DONTUNMAP, R + M)).toBe(R + M);
    expect(layout(mm)).toEqual(['0-8000', '100000-102000']);
    const s = vmaLookup(mm, R)!;
    expect(s.flags & (VM_LOCKED | VM_LOCKONFAULT)).toBe(0);
    expect(s.anonVma).not.toBe(0);
    expect([present(mm, R), present(mm, R + 8 * K), present(mm, R + 16 * K)]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('a mirror maps the same file at pgoff + offset and may reach past EOF (mirror_beyond_eof)', () => {
    const mm = newMm();
    const fd = memfd(mm, 8 * K);
    mmap(mm, R, 8 * K, MAP_SHARED | MAP_FIXED, fd);
    store(mm, R, 8 * K, 0x41);
    expect(mremap(mm, R + 4 * K, 0, 32 * K, MOVE, R + M)).toBe(R + M);
    const m = vmaLookup(mm, R + M)!;
    expect(m.file).toBe(vmaLookup(mm, R)!.file);
    expect(m.pgoff).toBe(1);
    expect(present(mm, R + M)).toBe(false);
    expect(load(mm, R + M)).toBe(0x41);
    expect(accessPage(mm, 'main', R + M + 4 * K, false, 0)).toBe(FAULT_SIGBUS);
    expect(layout(mm)).toEqual(['0-2000', '100000-108000']);
  });

  it('old_len == 0: EINVAL on private memory, ENOMEM without MAYMOVE on shared', () => {
    const mm = newMm();
    mmap(mm, R, 16 * K);
    expect(mremap(mm, R, 0, 4 * K, MREMAP_MAYMOVE)).toBe(-EINVAL);
    const s = mmap(mm, R + M, 16 * K, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED);
    expect(mremap(mm, s, 0, 8 * K, 0)).toBe(-ENOMEM);
  });

  it('a move records vma.move and unmaps the source', () => {
    const mm = newMm();
    mmap(mm, R, 16 * K);
    store(mm, R, 8 * K);
    mm.log.flush();
    mm.log.take();
    expect(mremap(mm, R, 16 * K, 16 * K, MOVE, R + 2 * M)).toBe(R + 2 * M);
    mm.log.flush();
    const effects: Effect[] = mm.log.take();
    const types = effects.map((e) => e.type);
    expect(types[0]).toBe('vma.move');
    expect(types).toContain('entries.move');
    expect(types).toContain('vma.remove');
    const mv = effects[0]!;
    if (mv.type !== 'vma.move') throw new Error('vma.move');
    expect([mv.before.start, mv.after.start]).toEqual([R, R + 2 * M]);
    expect(layout(mm)).toEqual(['200000-204000']);
  });

  it('an unfaulted anon VMA is rebased and merges, even into itself (move_unfaulted_merges_with_itself)', () => {
    const mm = newMm();
    mmap(mm, R, 16 * K);
    expect(mremap(mm, R, 8 * K, 8 * K, MOVE, R + 16 * K)).toBe(R + 16 * K);
    expect(layout(mm)).toEqual(['2000-6000']);
  });

  it('grows a locked VMA and populates the new part after the move (grow_locked_moved_populates)', () => {
    const mm = newMm();
    mmap(mm, R, 8 * K, ANON | MAP_LOCKED);
    mmap(mm, R + 8 * K, 4 * K, ANON, -1, 0, PROT_READ);
    const n = mremap(mm, R, 8 * K, 24 * K, MREMAP_MAYMOVE);
    expect(n).toBe(mm.top - 24 * K);
    for (let a = n; a < n + 24 * K; a += 4096) expect(present(mm, a)).toBe(true);
  });
});

describe('multi-VMA move (6.17+)', () => {
  it('keeps holes and leaves mappings in destination holes alone (multi_vma_dest_holes_survive)', () => {
    const mm = newMm();
    mmap(mm, R, 4 * K);
    mmap(mm, R + 8 * K, 4 * K);
    store(mm, R, 4 * K, 0x41);
    store(mm, R + 8 * K, 4 * K, 0x42);
    mmap(mm, R + M, 12 * K, MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0, PROT_READ);
    expect(mremap(mm, R, 12 * K, 12 * K, MOVE, R + M)).toBe(R + M);
    expect(layout(mm)).toEqual(['100000-101000', '101000-102000', '102000-103000']);
    expect(load(mm, R + M)).toBe(0x41);
    expect(load(mm, R + M + 8 * K)).toBe(0x42);
  });

  it('gives EFAULT for a hole at the start, or for no VMA at all (multi_vma_start_hole)', () => {
    const mm = newMm();
    mmap(mm, R + 16 * K, 8 * K);
    expect(mremap(mm, R, 32 * K, 32 * K, MOVE, R + M)).toBe(-EFAULT);
    expect(mremap(mm, R + 64 * K, 32 * K, 32 * K, MOVE, R + M)).toBe(-EFAULT);
    expect(layout(mm)).toEqual(['4000-6000']);
  });

  it('refuses a uffd-armed VMA after the first, leaving the first moved', () => {
    const mm = newMm();
    mmap(mm, R, 8 * K);
    mmap(mm, R + 8 * K, 8 * K, ANON, -1, 0, PROT_READ);
    const armed: Vma = vmaLookup(mm, R + 8 * K)!;
    armed.flags |= VM_UFFD_MISSING;
    armed.uffdCtx = 1;
    expect(mremap(mm, R, 16 * K, 16 * K, MOVE, R + M)).toBe(-EFAULT);
    expect(layout(mm)).toEqual(['2000-4000', '100000-102000']);
  });

  it('refuses a uffd-armed first VMA when more follow; alone it moves PTE by PTE and loses the registration', () => {
    const mm = newMm();
    mmap(mm, R, 2 * M);
    mmap(mm, R + 2 * M, 8 * K, ANON, -1, 0, PROT_READ);
    store(mm, R, 2 * M);
    const armed = vmaLookup(mm, R)!;
    armed.flags |= VM_UFFD_MISSING;
    armed.uffdCtx = 1;
    expect(mremap(mm, R, 2 * M + 8 * K, 2 * M + 8 * K, MOVE, R + 4 * M)).toBe(-EFAULT);
    expect(layout(mm)).toEqual(['0-200000', '200000-202000']);
    mm.log.flush();
    mm.log.take();
    expect(mremap(mm, R, 2 * M, 2 * M, MOVE, R + 4 * M)).toBe(R + 4 * M);
    mm.log.flush();
    const levels = mm.log.take().flatMap((e) => (e.type === 'entries.move' ? [e.level] : []));
    expect(levels).toEqual(['pte']);
    const moved = vmaLookup(mm, R + 4 * M)!;
    expect(moved.uffdCtx).toBe(0);
    expect(moved.flags & VM_UFFD_MISSING).toBe(0);
  });
});

describe('new_addr alignment before 6.16', () => {
  it('6.8 checks it in mremap_to(), after the lookup: EFAULT first on an unmapped source', () => {
    expect(mremap(newMm('6.8'), R, 4 * K, 4 * K, MOVE, R + M + 1)).toBe(-EFAULT);
    expect(mremap(newMm('6.16'), R, 4 * K, 4 * K, MOVE, R + M + 1)).toBe(-EINVAL);
    expect(mremap(newMm('5.7'), R, 4 * K, 4 * K, MOVE, R + M + 1)).toBe(-EINVAL);
    const mm = newMm('6.8');
    mmap(mm, R, 4 * K);
    expect(mremap(mm, R, 4 * K, 4 * K, MOVE, R + M + 1)).toBe(-EINVAL);
  });
});
