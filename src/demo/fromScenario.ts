/**
 * A demo made from a script rather than recorded: a hold on the initial state, then one step
 * forward every `stepMs`, then a hold on the end. `npx mmscope record <scenario id>` renders
 * this; the explorer's "Auto demo" uses it too.
 */
import { compile } from '../script/compile';
import type { Walkthrough } from '../store/store';
import type { Theme } from '../store/types';
import { DEMO_FORMAT, DEMO_VERSION, type Demo, type DemoEvent } from './format';

export interface AutoDemoOptions {
  readonly stepMs?: number;
  readonly introMs?: number;
  readonly outroMs?: number;
  /** Stop after this many steps (default: all). */
  readonly steps?: number;
  readonly theme?: Theme;
  readonly animationMs?: number;
  readonly scenarioId?: string | null;
  readonly title?: string;
  readonly viewport?: { readonly width: number; readonly height: number } | null;
  readonly date?: string;
}

export const AUTO_STEP_MS = 2500;
export const AUTO_INTRO_MS = 3000;
export const AUTO_OUTRO_MS = 2000;

/** The number of statements of a script (0 when it does not compile). */
export function statementCount(source: string): number {
  const r = compile(source);
  return r.ok ? r.program.ops.length : 0;
}

export function demoFromWalkthrough(w: Walkthrough, opts: AutoDemoOptions = {}): Demo {
  const stepMs = opts.stepMs ?? AUTO_STEP_MS;
  const introMs = opts.introMs ?? AUTO_INTRO_MS;
  const outroMs = opts.outroMs ?? AUTO_OUTRO_MS;
  const total = statementCount(w.source);
  const steps = Math.max(0, Math.min(total, opts.steps ?? total));
  const events: DemoEvent[] = [];
  for (let i = 1; i <= steps; i++) {
    events.push({ t: introMs + (i - 1) * stepMs, type: 'step', cursor: i, transition: 'forward' });
  }
  const duration = steps === 0 ? introMs + outroMs : introMs + (steps - 1) * stepMs + outroMs;
  const narration: Record<string, string> = {};
  for (const [k, v] of Object.entries(w.narration)) narration[k] = v;
  return {
    format: DEMO_FORMAT,
    version: DEMO_VERSION,
    title: opts.title ?? w.name.replace(/\.mms$/, ''),
    createdAt: opts.date ?? new Date().toISOString(),
    script: {
      name: w.name,
      source: w.source,
      scenarioId: opts.scenarioId === undefined ? w.id : opts.scenarioId,
      narration,
    },
    initial: {
      cursor: 0,
      speed: 1,
      theme: opts.theme ?? 'light',
      animationMs: opts.animationMs ?? 600,
      selection: null,
      camera: null,
    },
    viewport: opts.viewport ?? null,
    events,
    duration,
  };
}
