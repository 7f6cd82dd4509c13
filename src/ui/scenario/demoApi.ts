/**
 * The page API for demos, `window.__mmscopeDemo` (beside the shell's `window.__mmscope`): what
 * `npx mmscope record` and the browser tests drive. Documented in src/demo/README.md.
 */
import { demoFromWalkthrough, type AutoDemoOptions } from '../../demo/fromScenario';
import { formatDemoErrors, parseDemo, serializeDemo, type Demo } from '../../demo/format';
import type { PlayerOptions } from '../../demo/player';
import type { RecorderOptions } from '../../demo/recorder';
import { startVideoCapture, type VideoCapture } from '../../demo/videoCapture';
import { findScenario, walkthroughOf } from '../../scenarios/index';
import { selectName, selectNarration } from '../../store/selectors';
import type { ExplorerStore } from '../../store/store';
import { demoSessionFor } from './demoSession';
import { loadScenario } from './scenarioState';

export interface DemoApi {
  parse(text: string): Demo;
  serialize(demo: Demo): string;
  /** A demo stepping through a scenario (default: the one shown). */
  autoDemo(scenarioId?: string | null, opts?: AutoDemoOptions): Demo;
  loadScenario(id: string, profile?: string | null): boolean;
  play(demo: Demo | string, opts?: PlayerOptions): Promise<'ended' | 'stopped'>;
  stop(): void;
  startRecording(opts?: RecorderOptions): void;
  stopRecording(): Demo | null;
  /** Record the views to WebM while `during` runs (e.g. a demo's playback). */
  recordVideo(
    during: () => Promise<unknown>,
    fps?: number,
  ): Promise<{ size: number; type: string; base64: string }>;
}

declare global {
  interface Window {
    __mmscopeDemo?: DemoApi;
  }
}

function asDemo(d: Demo | string): Demo {
  if (typeof d !== 'string') return d;
  const r = parseDemo(d);
  if (!r.ok) throw new Error(formatDemoErrors(r.errors));
  return r.demo;
}

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

export function installDemoApi(store: ExplorerStore): DemoApi {
  const session = demoSessionFor(store);
  const api: DemoApi = {
    parse: (text) => asDemo(text),
    serialize: serializeDemo,
    autoDemo(id, opts = {}) {
      const s = findScenario(id ?? store.getState().scenarioId);
      if (s === undefined) {
        const st = store.getState();
        return demoFromWalkthrough(
          { id: 'demo', name: st.name, source: st.runSource, narration: {} },
          { scenarioId: null, ...opts },
        );
      }
      return demoFromWalkthrough(walkthroughOf(s), { scenarioId: s.id, ...opts });
    },
    loadScenario(id, profile) {
      const s = findScenario(id);
      return s === undefined ? false : loadScenario(store, s, profile ?? null);
    },
    play: (d, opts) => session.play(asDemo(d), opts),
    stop: () => session.stopPlayback(),
    startRecording: (opts) => session.startRecording(opts),
    stopRecording: () => session.stopRecording(),
    async recordVideo(during, fps = 10) {
      const root = document.querySelector<HTMLElement>('.panes');
      if (root === null) throw new Error('no views on this page');
      const cap: VideoCapture = startVideoCapture({
        root,
        fps,
        caption: () => selectNarration(store.getState()) ?? '',
        title: () => `${selectName(store.getState())} · step ${store.getState().cursor}`,
      });
      await during();
      const blob = await cap.stop();
      return { size: blob.size, type: blob.type, base64: await toBase64(blob) };
    },
  };
  window.__mmscopeDemo = api;
  return api;
}
