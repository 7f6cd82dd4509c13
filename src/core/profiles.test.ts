import { describe, expect, it } from 'vitest';
import { KERNEL_6_18, profileFor } from './profiles';

describe('profiles', () => {
  it('defaults to the host kernel', () => {
    expect(profileFor(null)).toBe(KERNEL_6_18);
    expect(profileFor('6.18')).toBe(KERNEL_6_18);
    expect(profileFor('banana')).toBeNull();
  });

  it('switches features at the kernel-notes version thresholds', () => {
    const at = (v: string) => profileFor(v)!;
    expect(at('5.6').dontunmap).toBe(false);
    expect(at('5.7').dontunmap).toBe(true);
    expect(at('5.7').dontunmapAnyVma).toBe(false);
    expect(at('5.7').pudMoves).toBe(false);
    expect(at('5.13').dontunmapAnyVma).toBe(true);
    expect(at('5.13').shmemMinor).toBe(false);
    expect(at('5.14').shmemMinor).toBe(true);
    expect(at('6.6').alignDown).toBe(false);
    expect(at('6.7').alignDown).toBe(true);
    expect(at('6.7').uffdMove).toBe(false);
    expect(at('6.8').uffdMove).toBe(true);
    expect(at('6.16').multiVmaMove).toBe(false);
    expect(at('6.17').multiVmaMove).toBe(true);
  });
});
