/**
 * Playing a demo back: load its script and narration, restore the initial view, then apply each
 * event at its time. A step recorded as `forward` is taken with stepForward(), so the views
 * animate it exactly as they did while recording; a jump is a jump.
 *
 * Timers are injectable (tests use fake ones; the video renderer fakes the page's clock), and
 * `demoStateAt` folds the events up to any time, so a seek lands on the same state as playing.
 */
import type { ExplorerStore, Walkthrough } from '../store/store';
import type { Selection, Theme } from '../store/types';
import type { CameraIo } from './camera';
import type { Camera, Demo, DemoEvent } from './format';

/** The id the store gets for a demo recorded from a free script (no built-in scenario). */
export const DEMO_SCENARIO_ID = 'demo';

export interface PlayerOptions {
  readonly camera?: CameraIo | null;
  /** Playback rate: 2 plays twice as fast. */
  readonly rate?: number;
  /** Use the demo's animation duration (the video renderer); otherwise keep the viewer's. */
  readonly useDemoAnimation?: boolean;
  readonly now?: () => number;
  readonly setTimer?: (fn: () => void, ms: number) => unknown;
  readonly clearTimer?: (h: unknown) => void;
  readonly onEvent?: (e: DemoEvent, index: number) => void;
}

export interface Playback {
  /** Resolves when the demo ends ('ended') or is stopped ('stopped'). */
  readonly done: Promise<'ended' | 'stopped'>;
  /** Demo time (ms) reached. */
  position(): number;
  stop(): void;
}

/** The walkthrough a demo's script stands for. */
export function demoWalkthrough(demo: Demo): Walkthrough {
  const narration: Record<number, string> = {};
  for (const [k, v] of Object.entries(demo.script.narration)) narration[Number(k)] = v;
  return {
    id: demo.script.scenarioId ?? DEMO_SCENARIO_ID,
    name: demo.script.name,
    source: demo.script.source,
    narration,
  };
}

/** Show the demo's script and initial view (cursor, speed, theme, selection, camera). */
export function loadDemo(store: ExplorerStore, demo: Demo, opts: PlayerOptions = {}): boolean {
  const { actions } = store.getState();
  actions.pause();
  if (opts.useDemoAnimation === true) actions.setAnimationMs(demo.initial.animationMs);
  const ok = actions.loadWalkthrough(demoWalkthrough(demo), demo.initial.cursor);
  actions.setSpeed(demo.initial.speed);
  actions.setTheme(demo.initial.theme);
  actions.select(demo.initial.selection);
  if (demo.initial.camera !== null) writeCameraSoon(opts.camera ?? null, demo.initial.camera);
  return ok;
}

/** The camera is the view's: write it once the view has drawn the new state. */
function writeCameraSoon(camera: CameraIo | null, c: Camera): void {
  if (camera === null) return;
  const go = () => camera.write(c);
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => go());
  else go();
}

/** Apply one event to the store (and the camera). */
export function applyDemoEvent(
  store: ExplorerStore,
  e: DemoEvent,
  camera: CameraIo | null = null,
): void {
  const s = store.getState();
  const { actions } = s;
  switch (e.type) {
    case 'step':
      if (e.transition === 'forward' && e.cursor === s.cursor + 1) actions.stepForward();
      else if (e.transition === 'back' && e.cursor === s.cursor - 1) actions.stepBack();
      else if (e.transition === 'reset' && e.cursor === 0) actions.reset();
      else actions.jumpTo(e.cursor);
      break;
    case 'select':
      actions.select(e.selection);
      break;
    case 'speed':
      actions.setSpeed(e.speed);
      break;
    case 'theme':
      actions.setTheme(e.theme);
      break;
    case 'camera':
      writeCameraSoon(camera, e.camera);
      break;
    case 'script':
      // The recorded session edited the script and ran it: do the same. The narration stays
      // for the statements the new text still has (the store's rule for edited walkthroughs).
      actions.setSource(e.source, e.name);
      actions.run({ cursor: store.getState().cursor });
      break;
  }
}

export function playDemo(store: ExplorerStore, demo: Demo, opts: PlayerOptions = {}): Playback {
  const now = opts.now ?? (() => performance.now());
  const setTimer = opts.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer =
    opts.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const rate = opts.rate !== undefined && opts.rate > 0 ? opts.rate : 1;
  const camera = opts.camera ?? null;

  loadDemo(store, demo, opts);
  const t0 = now();
  let next = 0;
  let timer: unknown = null;
  let finished = false;
  let resolve: (r: 'ended' | 'stopped') => void = () => {};
  const done = new Promise<'ended' | 'stopped'>((r) => (resolve = r));
  const position = () => Math.min(demo.duration, (now() - t0) * rate);

  function finish(r: 'ended' | 'stopped'): void {
    if (finished) return;
    finished = true;
    if (timer !== null) clearTimer(timer);
    timer = null;
    resolve(r);
  }

  function tick(): void {
    timer = null;
    if (finished) return;
    const t = position();
    // Every event due by now, in order (a slow frame never reorders or drops events).
    while (next < demo.events.length && demo.events[next]!.t <= t) {
      const e = demo.events[next]!;
      applyDemoEvent(store, e, camera);
      opts.onEvent?.(e, next);
      next++;
    }
    const due = next < demo.events.length ? demo.events[next]!.t : demo.duration;
    if (next >= demo.events.length && t >= demo.duration) {
      finish('ended');
      return;
    }
    timer = setTimer(tick, Math.max(0, (due - t) / rate));
  }

  tick();
  return { done, position, stop: () => finish('stopped') };
}

export interface DemoState {
  readonly source: string;
  readonly name: string;
  readonly cursor: number;
  readonly speed: number;
  readonly theme: Theme;
  readonly selection: Selection | null;
  readonly camera: Camera | null;
}

/** The state the demo shows at time `t` (all events with time <= t applied). */
export function demoStateAt(demo: Demo, t: number): DemoState {
  let st: DemoState = {
    source: demo.script.source,
    name: demo.script.name,
    cursor: demo.initial.cursor,
    speed: demo.initial.speed,
    theme: demo.initial.theme,
    selection: demo.initial.selection,
    camera: demo.initial.camera,
  };
  for (const e of demo.events) {
    if (e.t > t) break;
    switch (e.type) {
      case 'step':
        st = { ...st, cursor: e.cursor };
        break;
      case 'select':
        st = { ...st, selection: e.selection };
        break;
      case 'speed':
        st = { ...st, speed: e.speed };
        break;
      case 'theme':
        st = { ...st, theme: e.theme };
        break;
      case 'camera':
        st = { ...st, camera: e.camera };
        break;
      case 'script':
        st = { ...st, source: e.source, name: e.name };
        break;
    }
  }
  return st;
}

/** Jump the explorer to the demo's state at time `t` (no animation). */
export function seekDemo(
  store: ExplorerStore,
  demo: Demo,
  t: number,
  camera: CameraIo | null = null,
): void {
  const st = demoStateAt(demo, t);
  const s = store.getState();
  if (s.runSource !== st.source) {
    if (st.source === demo.script.source)
      s.actions.loadWalkthrough(demoWalkthrough(demo), st.cursor);
    else {
      s.actions.setSource(st.source, st.name);
      s.actions.run({ cursor: st.cursor });
    }
  }
  const a = store.getState().actions;
  a.jumpTo(st.cursor);
  a.setSpeed(st.speed);
  a.setTheme(st.theme);
  a.select(st.selection);
  if (st.camera !== null) writeCameraSoon(camera, st.camera);
}
