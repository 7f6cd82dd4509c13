/**
 * Record a session on one explorer store, play it back on another: the same states at the same
 * times. Clocks and timers are fake, so this is exact.
 */
import { expect, test } from 'vitest';
import { createExplorerStore, type ExplorerStore } from '../store/store';
import type { CameraIo } from './camera';
import type { Camera } from './format';
import { demoFromWalkthrough } from './fromScenario';
import { demoStateAt, playDemo, seekDemo } from './player';
import { startRecording } from './recorder';
import { parseDemo, serializeDemo } from './format';

const SCRIPT = [
  'a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)',
  "store(a, 16K, 'A')",
  'b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP)',
  'load(a, 4K)',
  'load(b, 8K)',
  '',
].join('\n');

/** A fake clock with a timer queue. */
function fakeTime() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (h: unknown) => void timers.delete(h as number),
    /** Advance to `t`, firing due timers in time order. */
    advanceTo(t: number) {
      for (;;) {
        let best: [number, { at: number; fn: () => void }] | null = null;
        for (const e of timers)
          if (e[1].at <= t && (best === null || e[1].at < best[1].at)) best = e;
        if (best === null) break;
        timers.delete(best[0]);
        now = best[1].at;
        best[1].fn();
      }
      now = t;
    },
  };
}

function snapshot(s: ExplorerStore) {
  const st = s.getState();
  return {
    cursor: st.cursor,
    selection: st.selection,
    speed: st.speed,
    theme: st.theme,
    source: st.runSource,
    narration: st.narration === null ? null : [...st.narration.entries()],
  };
}

function fakeCamera(): CameraIo & { value: Camera | null } {
  const c = {
    value: null as Camera | null,
    read: () => c.value,
    write: (x: Camera) => void (c.value = x),
  };
  return c;
}

test('a recorded session plays back to the same states at the same times', () => {
  const rec = fakeTime();
  const a = createExplorerStore({
    animationMs: 0,
    walkthrough: {
      id: 'demo-test',
      name: 'demo-test.mms',
      source: SCRIPT,
      narration: { 0: 'Intro', 2: 'Store' },
    },
    now: rec.now,
    setTimer: rec.setTimer,
    clearTimer: rec.clearTimer,
  });
  const cam = fakeCamera();
  const recorder = startRecording(a, {
    now: rec.now,
    camera: cam,
    setInterval: (fn, ms) => {
      // A repeating fake interval.
      const tick = () => {
        fn();
        rec.setTimer(tick, ms);
      };
      return rec.setTimer(tick, ms);
    },
    clearInterval: () => {},
    date: () => '2025-01-01T00:00:00.000Z',
  });
  const seen: { t: number; state: ReturnType<typeof snapshot> }[] = [];
  const act = (t: number, f: () => void) => {
    rec.advanceTo(t);
    f();
    seen.push({ t, state: snapshot(a) });
  };
  const { actions } = a.getState();
  act(1000, () => actions.stepForward());
  act(1500, () => actions.stepForward());
  act(1700, () => actions.select({ kind: 'vma', id: 1 }));
  act(2000, () => actions.setSpeed(2));
  act(2600, () => (cam.value = { pane: 'address-space', range: [0x1000, 0x9000] }));
  act(3000, () => actions.jumpTo(5));
  act(3400, () => actions.stepBack());
  act(3500, () => actions.setTheme('dark'));
  act(4200, () => actions.reset());
  rec.advanceTo(5000);
  const demo = recorder.stop();
  expect(demo.duration).toBe(5000);
  // It survives the file format.
  const parsed = parseDemo(serializeDemo(demo));
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  expect(parsed.demo.events.map((e) => e.type)).toEqual([
    'step',
    'step',
    'select',
    'speed',
    'camera',
    'step',
    'step',
    'theme',
    'step',
  ]);
  // The camera is polled (every 200 ms): seen at the first poll after it moved.
  expect(parsed.demo.events[4]!.t).toBe(2800);

  // Play it back on a fresh store.
  const play = fakeTime();
  const b = createExplorerStore({
    animationMs: 0,
    now: play.now,
    setTimer: play.setTimer,
    clearTimer: play.clearTimer,
  });
  const cam2 = fakeCamera();
  const playback = playDemo(b, parsed.demo, {
    now: play.now,
    setTimer: play.setTimer,
    clearTimer: play.clearTimer,
    camera: cam2,
  });
  expect(snapshot(b).cursor).toBe(0);
  expect(snapshot(b).source).toBe(SCRIPT);
  for (const { t, state } of seen) {
    play.advanceTo(t);
    expect(snapshot(b), `at ${t} ms`).toEqual(state);
    // Just before the next event, nothing has changed yet.
  }
  play.advanceTo(2800);
  expect(cam2.value).toEqual({ pane: 'address-space', range: [0x1000, 0x9000] });
  let result: string | null = null;
  void playback.done.then((r) => (result = r));
  play.advanceTo(5000);
  return Promise.resolve().then(() => {
    expect(result).toBe('ended');
    // Seeking anywhere lands on what playing got there.
    for (const { t, state } of seen) {
      const c = createExplorerStore({ animationMs: 0 });
      seekDemo(c, parsed.demo, t);
      expect(snapshot(c).cursor, `seek ${t}`).toBe(state.cursor);
      expect(snapshot(c).selection).toEqual(state.selection);
      expect(demoStateAt(parsed.demo, t).cursor).toBe(state.cursor);
    }
  });
});

test('a walkthrough becomes an auto demo that steps through every statement', () => {
  const demo = demoFromWalkthrough(
    { id: 'x', name: 'x.mms', source: SCRIPT, narration: { 0: 'Intro' } },
    { stepMs: 1000, introMs: 500, outroMs: 700, date: '2025-01-01T00:00:00.000Z' },
  );
  expect(demo.events.map((e) => (e.type === 'step' ? e.cursor : -1))).toEqual([1, 2, 3, 4, 5]);
  expect(demo.events[0]!.t).toBe(500);
  expect(demo.duration).toBe(500 + 4 * 1000 + 700);
  expect(parseDemo(serializeDemo(demo)).ok).toBe(true);
  const t = fakeTime();
  const s = createExplorerStore({
    animationMs: 0,
    now: t.now,
    setTimer: t.setTimer,
    clearTimer: t.clearTimer,
  });
  playDemo(s, demo, { now: t.now, setTimer: t.setTimer, clearTimer: t.clearTimer, rate: 2 });
  t.advanceTo(250 + 2000);
  expect(s.getState().cursor).toBe(5);
  expect(s.getState().narration?.get(0)?.sentence).toBe('Intro');
});
