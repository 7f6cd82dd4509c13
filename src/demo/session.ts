/**
 * The explorer's demo session: at most one recording and one playback at a time, the last demo
 * (recorded or imported), and the last error. A small zustand store, so that the header's demo
 * controls, the embed player and the page API (`window.__mmscopeDemo`) share one state.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ExplorerStore } from '../store/store';
import type { CameraIo } from './camera';
import { formatDemoErrors, parseDemo, type Demo } from './format';
import { playDemo, type Playback, type PlayerOptions } from './player';
import { startRecording, type Recorder, type RecorderOptions } from './recorder';

export interface DemoSessionState {
  readonly recording: Recorder | null;
  readonly playback: Playback | null;
  /** The demo last recorded or imported (what Play and Export use). */
  readonly demo: Demo | null;
  /** A parse error (with paths) or other failure to show. */
  readonly error: string | null;
}

export interface DemoSession {
  readonly state: StoreApi<DemoSessionState>;
  startRecording(opts?: RecorderOptions): void;
  stopRecording(): Demo | null;
  /** Play `demo` (default: the last one). Resolves when it ends or is stopped. */
  play(demo?: Demo, opts?: PlayerOptions): Promise<'ended' | 'stopped'>;
  stopPlayback(): void;
  /** Parse and keep a demo file's text; false (and `error`) when it is not a valid demo. */
  importText(text: string): Demo | null;
  setDemo(demo: Demo | null): void;
  clearError(): void;
}

export function createDemoSession(store: ExplorerStore, camera: CameraIo | null): DemoSession {
  const state = createStore<DemoSessionState>()(() => ({
    recording: null,
    playback: null,
    demo: null,
    error: null,
  }));

  const session: DemoSession = {
    state,
    startRecording(opts = {}) {
      session.stopPlayback();
      const cur = state.getState().recording;
      if (cur !== null) cur.cancel();
      state.setState({ recording: startRecording(store, { camera, ...opts }), error: null });
    },
    stopRecording() {
      const rec = state.getState().recording;
      if (rec === null) return null;
      const demo = rec.stop();
      state.setState({ recording: null, demo });
      return demo;
    },
    play(demo, opts = {}) {
      const d = demo ?? state.getState().demo;
      if (d === null) return Promise.resolve('stopped');
      const rec = state.getState().recording;
      if (rec !== null) rec.cancel();
      state.getState().playback?.stop();
      const playback = playDemo(store, d, { camera, ...opts });
      state.setState({ playback, demo: d, recording: null, error: null });
      void playback.done.then(() => {
        if (state.getState().playback === playback) state.setState({ playback: null });
      });
      return playback.done;
    },
    stopPlayback() {
      const p = state.getState().playback;
      if (p !== null) {
        p.stop();
        state.setState({ playback: null });
      }
    },
    importText(text) {
      const r = parseDemo(text);
      if (!r.ok) {
        state.setState({ error: `Not a valid .mmsdemo file:\n${formatDemoErrors(r.errors)}` });
        return null;
      }
      state.setState({ demo: r.demo, error: null });
      return r.demo;
    },
    setDemo(demo) {
      state.setState({ demo });
    },
    clearError() {
      state.setState({ error: null });
    },
  };
  return session;
}
