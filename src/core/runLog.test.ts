import { describe, expect, it } from 'vitest';
import { RunLog } from './runLog';

describe('RunLog', () => {
  it('keeps interleaved per-page runs open side by side', () => {
    const log = new RunLog();
    for (let i = 0; i < 1000; i++) {
      log.frameAlloc(100 + i, 'anon');
      log.entrySet(0x10000 + i * 4096, 100 + i, 'anon', true, 'fault');
      log.fault('main', 0x10000 + i * 4096, true, 'anon');
    }
    const e = log.take();
    expect(e).toEqual([
      { type: 'frames.alloc', pfn: 100, count: 1000, kind: 'anon' },
      {
        type: 'entries.set',
        addr: 0x10000,
        pages: 1000,
        entry: 'anon',
        pfn: 100,
        writable: true,
        cause: 'fault',
      },
      { type: 'fault', thread: 'main', addr: 0x10000, pages: 1000, write: true, outcome: 'anon' },
    ]);
  });

  it('breaks a run on a gap and keeps order with other records', () => {
    const log = new RunLog();
    log.entrySet(0x1000, 0, 'zero', false, 'fault');
    log.entrySet(0x2000, 0, 'zero', false, 'fault');
    log.push({ type: 'table.alloc', level: 'pte', base: 0 as never });
    log.entrySet(0x4000, 0, 'zero', false, 'fault');
    const e = log.take();
    expect(e.map((x) => x.type)).toEqual(['entries.set', 'table.alloc', 'entries.set']);
    expect(e[0]).toMatchObject({ pages: 2 });
  });
});
