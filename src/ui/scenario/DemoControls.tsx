/**
 * Demo controls in the header: record a session to a .mmsdemo, play the last recorded or
 * imported demo, import (file picker) and export (download) it, and record the views to a WebM
 * video. Import errors name the path of each problem in the file.
 */
import { useEffect, useRef, useState } from 'react';
import { demoFileName, DEMO_EXTENSION, serializeDemo, DEMO_MIME } from '../../demo/format';
import { startVideoCapture, type VideoCapture } from '../../demo/videoCapture';
import {
  selectCurrentStep,
  selectNarration,
  selectName,
  selectStepCount,
} from '../../store/selectors';
import { useExplorerStore } from '../storeContext';
import { download, useDemoSession, useDemoState } from './demoSession';
import './scenario.css';

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A ticking elapsed time while `active`. */
function useElapsed(active: boolean, since: () => number): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const h = setInterval(() => setTick((t) => t + 1), 250);
    return () => clearInterval(h);
  }, [active]);
  return active ? since() : 0;
}

export function DemoControls() {
  const store = useExplorerStore();
  const session = useDemoSession();
  const recording = useDemoState((s) => s.recording);
  const playback = useDemoState((s) => s.playback);
  const demo = useDemoState((s) => s.demo);
  const error = useDemoState((s) => s.error);
  const file = useRef<HTMLInputElement>(null);
  const [video, setVideo] = useState<{ cap: VideoCapture; t0: number } | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const recElapsed = useElapsed(recording !== null, () => recording?.elapsed() ?? 0);
  const vidElapsed = useElapsed(video !== null, () =>
    video === null ? 0 : performance.now() - video.t0,
  );

  function toggleRecord() {
    if (recording !== null) {
      const d = session.stopRecording();
      if (d !== null) setNote(`Recorded ${d.events.length} events, ${clock(d.duration)}`);
    } else {
      setNote(null);
      session.startRecording({
        viewport: { width: window.innerWidth, height: window.innerHeight },
      });
    }
  }

  function togglePlay() {
    if (playback !== null) session.stopPlayback();
    else void session.play();
  }

  async function onFile(f: File | undefined) {
    if (f === undefined) return;
    const d = session.importText(await f.text());
    if (d !== null) setNote(`Imported “${d.title}”`);
    if (file.current) file.current.value = '';
  }

  function exportDemo() {
    if (demo === null) return;
    download(new Blob([serializeDemo(demo)], { type: DEMO_MIME }), demoFileName(demo));
  }

  async function toggleVideo() {
    if (video !== null) {
      setVideo(null);
      const blob = await video.cap.stop();
      const s = store.getState();
      download(blob, `${selectName(s).replace(/\.mms.*$/, '') || 'mmscope'}.webm`);
      setNote(`Video: ${(blob.size / 1024).toFixed(0)} KiB`);
      return;
    }
    const root = document.querySelector<HTMLElement>('.panes');
    if (root === null) return;
    try {
      const cap = startVideoCapture({
        root,
        caption: () => selectNarration(store.getState()) ?? '',
        title: () => {
          const s = store.getState();
          const op = selectCurrentStep(s)?.op;
          return `${selectName(s)}  ·  step ${s.cursor}/${selectStepCount(s)}${op ? `  ·  ${op.text}` : ''}`;
        },
      });
      setVideo({ cap, t0: performance.now() });
      setNote(null);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="demo-controls" role="group" aria-label="Demo">
      <button
        type="button"
        className={recording !== null ? 'text-btn demo-rec on' : 'text-btn demo-rec'}
        aria-label={recording !== null ? 'Stop recording' : 'Record demo'}
        title="Record this session (steps, selection, zoom, timing) as a .mmsdemo"
        onClick={toggleRecord}
      >
        <span className="demo-dot" aria-hidden="true" />
        {recording !== null ? clock(recElapsed) : 'Rec'}
      </button>
      <button
        type="button"
        className="text-btn"
        aria-label={playback !== null ? 'Stop demo' : 'Play demo'}
        title={demo === null ? 'Record or import a demo first' : `Play “${demo.title}”`}
        disabled={demo === null && playback === null}
        onClick={togglePlay}
      >
        {playback !== null ? '■ Demo' : '▶ Demo'}
      </button>
      <button
        type="button"
        className="text-btn"
        aria-label="Import demo"
        title={`Open a ${DEMO_EXTENSION} file`}
        onClick={() => file.current?.click()}
      >
        Import
      </button>
      <input
        ref={file}
        type="file"
        accept={`${DEMO_EXTENSION},application/json`}
        className="visually-hidden"
        aria-label="Demo file"
        tabIndex={-1}
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <button
        type="button"
        className="text-btn"
        aria-label="Export demo"
        title={demo === null ? 'Record or import a demo first' : `Download ${demoFileName(demo)}`}
        disabled={demo === null}
        onClick={exportDemo}
      >
        Export
      </button>
      <button
        type="button"
        className={video !== null ? 'text-btn demo-rec on' : 'text-btn'}
        aria-label={video !== null ? 'Stop video' : 'Record video'}
        title="Record the views and the narration to a WebM video"
        onClick={() => void toggleVideo()}
      >
        {video !== null ? `■ ${clock(vidElapsed)}` : 'WebM'}
      </button>
      {/* role=log (polite), not status: the shell's Share note is the page's status. */}
      <span className="demo-note" role="log" aria-label="Demo status">
        {note ?? ''}
      </span>
      {error !== null && (
        <div className="demo-error mono" role="alert">
          <pre>{error}</pre>
          <button type="button" className="text-btn" onClick={() => session.clearError()}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
