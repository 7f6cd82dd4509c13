import { describe, expect, it } from 'vitest';
import { K, M, map, newMm } from './testing';
import { getUnmappedArea, MMAP_MIN_ADDR } from './placement';
import {
  MAP_32BIT,
  MAP_ANONYMOUS,
  MAP_FIXED,
  MAP_GROWSDOWN,
  MAP_PRIVATE,
  MAP_SHARED,
  PROT_READ,
} from './uapi';
import { ENOMEM } from './errno';

const ANON = MAP_PRIVATE | MAP_ANONYMOUS;

describe('get_unmapped_area', () => {
  it('takes the highest gap below top that fits', () => {
    const mm = newMm();
    const top = mm.top;
    const a = map(mm, 0, 64 * K, PROT_READ, ANON);
    expect(a).toBe(top - 64 * K);
    map(mm, 0, 64 * K, PROT_READ, ANON);
    expect(getUnmappedArea(mm, null, 0, 4 * K, ANON)).toBe(top - 128 * K - 4 * K);
    // A hole between mappings is used once it is the highest one that fits.
    map(mm, top - 256 * K, 64 * K, PROT_READ, ANON | MAP_FIXED);
    expect(getUnmappedArea(mm, null, 0, 64 * K, ANON)).toBe(top - 192 * K);
    expect(getUnmappedArea(mm, null, 0, 68 * K, ANON)).toBe(top - 256 * K - 68 * K);
  });

  it('pads 2 MiB multiples of private anonymous memory for THP alignment, not shared ones', () => {
    const mm = newMm();
    const top = mm.top;
    map(mm, 0, 16 * K, PROT_READ, ANON);
    expect(getUnmappedArea(mm, null, 0, 4 * M, ANON)).toBe(top - 6 * M);
    expect(getUnmappedArea(mm, null, 0, 4 * M, MAP_SHARED | MAP_ANONYMOUS)).toBe(
      top - 16 * K - 4 * M,
    );
    expect(getUnmappedArea(mm, null, 0, 4 * M + 4 * K, ANON)).toBe(top - 16 * K - 4 * M - 4 * K);
  });

  it('honours a free hint, rounds a low one up to mmap_min_addr, searches past a taken one', () => {
    const mm = newMm();
    expect(getUnmappedArea(mm, null, 0x200000000000, 8 * K, ANON)).toBe(0x200000000000);
    expect(map(mm, 0x1000, 8 * K, PROT_READ, ANON)).toBe(MMAP_MIN_ADDR);
    expect(getUnmappedArea(mm, null, MMAP_MIN_ADDR, 8 * K, ANON)).toBe(mm.top - 8 * K);
  });

  it('keeps the stack guard gap below a MAP_GROWSDOWN VMA', () => {
    const mm = newMm();
    const s = map(mm, 0, 16 * K, PROT_READ, ANON | MAP_GROWSDOWN);
    expect(getUnmappedArea(mm, null, 0, 4 * K, ANON)).toBe(s - 256 * 4 * K - 4 * K);
  });

  it('MAP_32BIT searches bottom-up from 1 GiB; too long is ENOMEM', () => {
    const mm = newMm();
    expect(getUnmappedArea(mm, null, 0, 4 * K, ANON | MAP_32BIT)).toBe(0x40000000);
    expect(getUnmappedArea(mm, null, 0, 2 ** 48, ANON)).toBe(-ENOMEM);
  });
});
