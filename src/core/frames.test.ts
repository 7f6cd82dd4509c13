import { describe, expect, it } from 'vitest';
import { Frames, FRAME_ANON, FRAME_FREE, ZERO_PFN } from './frames';
import { RunLog } from './runLog';

describe('Frames', () => {
  it('frees a page when its last mapping goes, and reuses pfns in ascending order', () => {
    const f = new Frames();
    const log = new RunLog();
    const a = f.allocAnon(1, 0, log);
    const b = f.allocAnon(1, 1, log);
    f.mapPte(a);
    f.mapPte(b);
    f.unmapPte(b, log);
    f.unmapPte(a, log);
    expect(f.kind[a]).toBe(FRAME_FREE);
    expect(f.used).toBe(0);
    expect(f.allocAnon(1, 0, log)).toBe(a);
    expect(f.allocAnon(1, 1, log)).toBe(b);
  });

  it('keeps a THP folio until every subpage is unmapped, and splits it into small pages', () => {
    const f = new Frames();
    const log = new RunLog();
    const h = f.allocHuge(1, 0, log);
    expect(h % 512).toBe(0);
    f.mapPmd(h);
    expect(f.isThp(h + 5)).toBe(true);
    f.unmapPte(h + 5, log); // as after a PMD split and one zap
    expect(f.kind[h + 5]).toBe(FRAME_ANON);
    log.take();
    f.splitFolioFrames(h, log);
    expect(f.isThp(h + 1)).toBe(false);
    expect(f.kind[h + 5]).toBe(FRAME_FREE);
    expect(log.take()).toEqual([{ type: 'frames.free', pfn: h + 5, count: 1 }]);
    expect(f.used).toBe(511);
  });

  it('never counts the zero page', () => {
    const f = new Frames();
    const log = new RunLog();
    f.mapPte(ZERO_PFN);
    f.unmapPte(ZERO_PFN, log);
    expect(f.mapcount[ZERO_PFN]).toBe(0);
    expect(log.take()).toEqual([]);
  });
});
