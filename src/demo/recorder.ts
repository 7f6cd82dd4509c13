/**
 * Recording a session: subscribe to the explorer store and note, with the time since the start,
 * every step taken (and how: forward, back, jump), selection, speed, theme and script change,
 * and the camera (polled: zooming is the view's own business, not the store's).
 */
import type { ExplorerStore, ExplorerStoreState } from '../store/store';
import type { CameraIo } from './camera';
import { sameCamera } from './camera';
import {
  DEMO_FORMAT,
  DEMO_VERSION,
  type Camera,
  type Demo,
  type DemoEvent,
  type DemoScript,
} from './format';

export interface RecorderOptions {
  readonly title?: string;
  readonly now?: () => number;
  readonly camera?: CameraIo | null;
  /** How often to look at the camera (ms). */
  readonly cameraPollMs?: number;
  readonly setInterval?: (fn: () => void, ms: number) => unknown;
  readonly clearInterval?: (h: unknown) => void;
  readonly viewport?: { readonly width: number; readonly height: number } | null;
  /** ISO date for `createdAt` (tests pass a fixed one). */
  readonly date?: () => string;
}

export interface Recorder {
  /** Events so far. */
  readonly events: readonly DemoEvent[];
  elapsed(): number;
  /** Stop and return the demo. */
  stop(): Demo;
  /** Stop without a demo. */
  cancel(): void;
}

/** The narration the store holds, as the demo stores it (line -> sentence). */
export function narrationSnapshot(s: ExplorerStoreState): Record<string, string> {
  const out: Record<string, string> = {};
  if (s.narration === null) return out;
  for (const [line, entry] of s.narration) out[String(line)] = entry.sentence;
  return out;
}

export function scriptOf(s: ExplorerStoreState): DemoScript {
  return {
    name: s.name,
    source: s.runSource,
    scenarioId: s.scenarioId,
    narration: narrationSnapshot(s),
  };
}

export function startRecording(store: ExplorerStore, opts: RecorderOptions = {}): Recorder {
  const now = opts.now ?? (() => performance.now());
  const setIv = opts.setInterval ?? ((fn: () => void, ms: number) => setInterval(fn, ms));
  const clearIv =
    opts.clearInterval ?? ((h: unknown) => clearInterval(h as ReturnType<typeof setInterval>));
  const cameraIo = opts.camera ?? null;
  const t0 = now();
  const first = store.getState();
  const initialCamera = cameraIo?.read() ?? null;
  const script = scriptOf(first);
  const events: DemoEvent[] = [];
  let lastCamera: Camera | null = initialCamera;
  let lastRunSource = first.runSource;
  let stopped = false;

  const at = () => Math.max(0, Math.round(now() - t0));

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.runSource !== lastRunSource) {
      lastRunSource = s.runSource;
      events.push({ t: at(), type: 'script', name: s.name, source: s.runSource });
      // A new run puts the cursor somewhere: note it even if it did not change.
      events.push({ t: at(), type: 'step', cursor: s.cursor, transition: 'jump' });
    } else if (s.cursor !== prev.cursor) {
      events.push({ t: at(), type: 'step', cursor: s.cursor, transition: s.transition });
    }
    if (s.selection !== prev.selection)
      events.push({ t: at(), type: 'select', selection: s.selection });
    if (s.speed !== prev.speed) events.push({ t: at(), type: 'speed', speed: s.speed });
    if (s.theme !== prev.theme) events.push({ t: at(), type: 'theme', theme: s.theme });
  });

  const poll =
    cameraIo === null
      ? null
      : setIv(() => {
          const c = cameraIo.read();
          if (c !== null && !sameCamera(c, lastCamera)) {
            lastCamera = c;
            events.push({ t: at(), type: 'camera', camera: c });
          }
        }, opts.cameraPollMs ?? 200);

  function end(): void {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    if (poll !== null) clearIv(poll);
  }

  return {
    events,
    elapsed: at,
    stop() {
      const duration = at();
      end();
      return {
        format: DEMO_FORMAT,
        version: DEMO_VERSION,
        title: opts.title ?? first.name.replace(/\.mms$/, ''),
        createdAt: opts.date?.() ?? new Date().toISOString(),
        script,
        initial: {
          cursor: first.cursor,
          speed: first.speed,
          theme: first.theme,
          animationMs: first.animationMs,
          selection: first.selection,
          camera: initialCamera,
        },
        viewport: opts.viewport ?? null,
        events: events.map((e) => (e.t > duration ? { ...e, t: duration } : e)),
        duration,
      };
    },
    cancel: end,
  };
}
