/**
 * An ART-style concurrent mark-compact cycle over a 1 GiB heap (262,144 pages), the shape of
 * art/runtime/gc/collector/mark_compact.cc in copy mode: the pause moves the heap to the
 * from-space with MREMAP_DONTUNMAP, the emptied moving space is registered MISSING, then every
 * page is mapped back with UFFDIO_COPY: the lower half by the GC thread (top-down, one page at
 * a time, as ART's compaction loop does), the upper half after mutator faults (a mutator
 * thread reads the heap in address order, blocks in a userfault on each page, and the handler
 * answers with a COPY of that page, which wakes it).
 *
 * Compared: the sum of the kernel's syscall times for the statements of each phase (measured
 * inside the oracle around each ioctl; the kernel's own fault handling in the mutator thread
 * is not in it, which favours the kernel) against the simulator's time for the same
 * statements (which includes its simulated faults, wake-ups and settling).
 */
import type { Effect } from '../src/core/effects';

const HEAP = 0x100000000000;
const FROM = 0x140000000000;
const PAGES = 262_144;
const HALF = PAGES / 2;

interface Measured {
  sim: number[];
  kernel: number[] | null;
  effects: (readonly Effect[])[];
  skip: string | null;
}
interface Row {
  what: string;
  sim: string;
  kernel: string;
  ratio: string;
  detail: string;
}

function hex(n: number): string {
  return '0x' + n.toString(16);
}

export function artScript(): {
  text: string;
  gcOps: [number, number];
  mutatorOps: [number, number];
} {
  const lines = [
    `uffd = userfaultfd(O_CLOEXEC)`,
    `ioctl(uffd, UFFDIO_API, 0)`,
    `heap = mmap(${hex(HEAP)}, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)`,
    `store(heap, 1G, 'H')`,
    `from = mremap(heap, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, ${hex(FROM)})`,
    `ioctl(uffd, UFFDIO_REGISTER, heap, 1G, UFFDIO_REGISTER_MODE_MISSING)`,
    // the mutator starts on the upper half and blocks on its first page
    `@mutator load(heap + 512M, 512M)`,
  ];
  const gcStart = lines.length;
  // GC thread: compacts the lower half top-down, one page per UFFDIO_COPY
  for (let i = HALF - 1; i >= 0; i--) {
    const off = i * 4096;
    lines.push(`ioctl(uffd, UFFDIO_COPY, heap + ${hex(off)}, from + ${hex(off)}, 4K, 0)`);
  }
  const gcEnd = lines.length;
  // the handler answers each mutator fault with a COPY of the faulting page, which wakes it
  for (let i = HALF; i < PAGES; i++) {
    const off = i * 4096;
    lines.push(`read(uffd)`);
    lines.push(`ioctl(uffd, UFFDIO_COPY, heap + ${hex(off)}, from + ${hex(off)}, 4K, 0)`);
  }
  const mutEnd = lines.length;
  lines.push(`wait(mutator)`);
  lines.push(`ioctl(uffd, UFFDIO_UNREGISTER, heap, 1G)`);
  lines.push(`madvise(from, 1G, MADV_DONTNEED)`);
  return { text: lines.join('\n'), gcOps: [gcStart, gcEnd], mutatorOps: [gcEnd, mutEnd] };
}

function sum(a: readonly number[], [from, to]: [number, number]): number {
  let s = 0;
  for (let i = from; i < to; i++) s += a[i] ?? 0;
  return s;
}

function fmt(ns: number): string {
  return ns >= 1e6 ? `${(ns / 1e6).toFixed(1)} ms` : `${(ns / 1e3).toFixed(1)} us`;
}

export async function artRows(
  measure: (text: string, name: string) => Promise<Measured>,
): Promise<Row[]> {
  const { text, gcOps, mutatorOps } = artScript();
  const r = await measure(text, 'art-compaction-1G');
  const faults = r.effects
    .slice(mutatorOps[0], mutatorOps[1])
    .flat()
    .filter((e) => e.type === 'thread.block').length;
  const rows: Row[] = [];
  for (const [what, ops] of [
    ['ART compaction 1 GiB: GC thread, 131,072 COPY', gcOps],
    ['ART compaction 1 GiB: mutator faults, 131,072 COPY', mutatorOps],
  ] as const) {
    const s = sum(r.sim, ops);
    const k = r.kernel ? sum(r.kernel, ops) : null;
    rows.push({
      what,
      sim: fmt(s),
      kernel: k === null ? `skipped: ${r.skip ?? ''}` : fmt(k),
      ratio: k === null ? '-' : `${(s / k).toFixed(2)}x`,
      detail:
        ops === mutatorOps
          ? `sim ${(s / 1e3 / HALF).toFixed(2)} us per resolved fault (read + COPY + wake + refault), ${faults} blocks`
          : `sim ${(s / 1e3 / HALF).toFixed(2)} us per page`,
    });
  }
  const total = r.sim.reduce((a, b) => a + b, 0);
  const ktotal = r.kernel ? r.kernel.reduce((a, b) => a + b, 0) : null;
  rows.push({
    what: 'ART compaction 1 GiB: whole script',
    sim: fmt(total),
    kernel: ktotal === null ? '-' : fmt(ktotal),
    ratio: ktotal === null ? '-' : `${(total / ktotal).toFixed(2)}x`,
    detail: 'includes populating the heap and the mremap pause',
  });
  return rows;
}
