/**
 * The `.mmsdemo` format: a recorded explorer session (the script and its narration, the steps
 * taken, selection, view and camera state, and when each happened), so that it plays back
 * identically, in the explorer, in an embed, or rendered to video (`npx mmscope record`).
 *
 * A demo is JSON:
 *
 *   { "format": "mmsdemo", "version": 1, "title": "...", "createdAt": "2025-...Z",
 *     "script": { "name": "art-cmc-copy.mms", "source": "...", "scenarioId": "art-cmc-copy",
 *                 "narration": { "0": "...", "18": "..." } },
 *     "initial": { "cursor": 0, "speed": 1, "theme": "light", "animationMs": 600,
 *                  "selection": null, "camera": null },
 *     "viewport": { "width": 1440, "height": 900 },
 *     "events": [ { "t": 1200, "type": "step", "cursor": 1, "transition": "forward" }, ... ],
 *     "duration": 9000 }
 *
 * `t` is milliseconds since the start of the recording; events are in time order and end by
 * `duration`. The narration is a snapshot (statement line -> sentence), so a demo plays the same
 * words even after the built-in scenario it came from is rewritten. Pauses are simply time
 * without events. `parseDemo` validates everything and reports each problem with a JSON path
 * (`$.events[3].cursor: expected an integer >= 0, got -1`), so a corrupt file says where.
 */
import type { Selection, Theme, Transition } from '../store/types';

export const DEMO_FORMAT = 'mmsdemo';
export const DEMO_VERSION = 1;
export const DEMO_EXTENSION = '.mmsdemo';
export const DEMO_MIME = 'application/vnd.mmscope.demo+json';

/** The address-space pane's visible address range; null: the whole address space. */
export interface Camera {
  readonly pane: 'address-space';
  readonly range: readonly [number, number] | null;
}

export interface DemoScript {
  readonly name: string;
  readonly source: string;
  /** The built-in scenario it was recorded from, if any (for its links); null otherwise. */
  readonly scenarioId: string | null;
  /** Statement line -> sentence (line 0: the initial state). */
  readonly narration: Readonly<Record<string, string>>;
}

export interface DemoView {
  readonly cursor: number;
  readonly speed: number;
  readonly theme: Theme;
  readonly animationMs: number;
  readonly selection: Selection | null;
  readonly camera: Camera | null;
}

export type DemoEvent =
  | {
      readonly t: number;
      readonly type: 'step';
      readonly cursor: number;
      readonly transition: Transition;
    }
  | { readonly t: number; readonly type: 'select'; readonly selection: Selection | null }
  | { readonly t: number; readonly type: 'speed'; readonly speed: number }
  | { readonly t: number; readonly type: 'theme'; readonly theme: Theme }
  | { readonly t: number; readonly type: 'camera'; readonly camera: Camera }
  /** The script was edited and run again (or a console statement ran): the new text. */
  | { readonly t: number; readonly type: 'script'; readonly name: string; readonly source: string };

export type DemoEventType = DemoEvent['type'];

export interface Demo {
  readonly format: typeof DEMO_FORMAT;
  readonly version: typeof DEMO_VERSION;
  readonly title: string;
  readonly createdAt: string;
  readonly script: DemoScript;
  readonly initial: DemoView;
  /** The explorer window the demo was recorded in (the video renderer reuses it). */
  readonly viewport: { readonly width: number; readonly height: number } | null;
  readonly events: readonly DemoEvent[];
  readonly duration: number;
}

export interface DemoError {
  /** JSON path of the offending value: `$`, `$.events[3].cursor`. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly demo: Demo }
  | { readonly ok: false; readonly errors: readonly DemoError[] };

/** One line per error: `$.events[3].cursor: expected ...`. */
export function formatDemoErrors(errors: readonly DemoError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}

/** Serialize a demo: stable key order, two-space indentation, final newline. */
export function serializeDemo(demo: Demo): string {
  return JSON.stringify(demo, null, 2) + '\n';
}

/** A demo's file name from its title: `art-cmc-copy.mmsdemo`. */
export function demoFileName(demo: Pick<Demo, 'title'>): string {
  const base = demo.title
    .toLowerCase()
    .replace(/\.mms$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (base === '' ? 'demo' : base.slice(0, 60)) + DEMO_EXTENSION;
}

// ---- validation ----

const THEMES: readonly Theme[] = ['light', 'dark'];
const TRANSITIONS: readonly Transition[] = ['forward', 'back', 'jump', 'reset'];
const TABLE_LEVELS = ['pgd', 'pud', 'pmd', 'pte'] as const;
/** Addresses are below 2^47 and exact in a double; camera ranges up to 2^47 inclusive. */
const ADDRESS_LIMIT = 2 ** 47;
/** A day: no demo is longer, and it bounds what a corrupt file can make the player wait. */
const MAX_DURATION_MS = 24 * 3600 * 1000;
const MAX_SOURCE = 4 * 1024 * 1024;

class Checker {
  readonly errors: DemoError[] = [];

  fail(path: string, message: string): undefined {
    // A corrupt file can be wrong everywhere: the first hundred problems are enough to fix it.
    if (this.errors.length < 100) this.errors.push({ path, message });
    return undefined;
  }

  object(v: unknown, path: string): Record<string, unknown> | undefined {
    if (typeof v === 'object' && v !== null && !Array.isArray(v))
      return v as Record<string, unknown>;
    return this.fail(path, `expected an object, got ${describe(v)}`);
  }

  string(v: unknown, path: string, max = 10_000): string | undefined {
    if (typeof v !== 'string') return this.fail(path, `expected a string, got ${describe(v)}`);
    if (v.length > max) return this.fail(path, `string too long (${v.length} > ${max} characters)`);
    return v;
  }

  number(v: unknown, path: string, min: number, max: number, integer: boolean): number | undefined {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      return this.fail(path, `expected a number, got ${describe(v)}`);
    }
    if (integer && !Number.isInteger(v)) return this.fail(path, `expected an integer, got ${v}`);
    if (v < min || v > max)
      return this.fail(
        path,
        `expected ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${v}`,
      );
    return v;
  }

  oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    return this.fail(
      path,
      `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${describe(v)}`,
    );
  }

  /** Reports keys the format does not know: a typo should not be silently ignored. */
  known(o: Record<string, unknown>, path: string, keys: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!keys.includes(k))
        this.fail(`${path}.${k}`, `unknown field (expected one of ${keys.join(', ')})`);
    }
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string')
    return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

function selection(c: Checker, v: unknown, path: string): Selection | null | undefined {
  if (v === null) return null;
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  const kind = c.oneOf(o.kind, `${path}.kind`, [
    'vma',
    'page',
    'frame',
    'table',
    'uffd',
    'thread',
  ] as const);
  switch (kind) {
    case 'vma': {
      c.known(o, path, ['kind', 'id']);
      const id = c.number(o.id, `${path}.id`, 0, Number.MAX_SAFE_INTEGER, true);
      return id === undefined ? undefined : { kind, id };
    }
    case 'page': {
      c.known(o, path, ['kind', 'addr']);
      const addr = c.number(o.addr, `${path}.addr`, 0, ADDRESS_LIMIT, true);
      return addr === undefined ? undefined : { kind, addr };
    }
    case 'frame': {
      c.known(o, path, ['kind', 'pfn']);
      const pfn = c.number(o.pfn, `${path}.pfn`, 0, Number.MAX_SAFE_INTEGER, true);
      return pfn === undefined ? undefined : { kind, pfn };
    }
    case 'table': {
      c.known(o, path, ['kind', 'level', 'base']);
      const level = c.oneOf(o.level, `${path}.level`, TABLE_LEVELS);
      const base = c.number(o.base, `${path}.base`, 0, ADDRESS_LIMIT, true);
      return level === undefined || base === undefined ? undefined : { kind, level, base };
    }
    case 'uffd': {
      c.known(o, path, ['kind', 'fd']);
      const fd = c.number(o.fd, `${path}.fd`, 0, 1 << 20, true);
      return fd === undefined ? undefined : { kind, fd };
    }
    case 'thread': {
      c.known(o, path, ['kind', 'name']);
      const name = c.string(o.name, `${path}.name`, 200);
      return name === undefined ? undefined : { kind, name };
    }
    default:
      return undefined;
  }
}

function camera(c: Checker, v: unknown, path: string): Camera | undefined {
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  c.known(o, path, ['pane', 'range']);
  const pane = c.oneOf(o.pane, `${path}.pane`, ['address-space'] as const);
  if (o.range === null) return pane === undefined ? undefined : { pane, range: null };
  if (!Array.isArray(o.range) || o.range.length !== 2) {
    return c.fail(`${path}.range`, `expected null or [start, end], got ${describe(o.range)}`);
  }
  const a0 = c.number(o.range[0], `${path}.range[0]`, 0, ADDRESS_LIMIT, false);
  const a1 = c.number(o.range[1], `${path}.range[1]`, 0, ADDRESS_LIMIT, false);
  if (a0 === undefined || a1 === undefined || pane === undefined) return undefined;
  if (!(a1 > a0)) return c.fail(`${path}.range`, `expected start < end, got [${a0}, ${a1}]`);
  return { pane, range: [a0, a1] };
}

function view(c: Checker, v: unknown, path: string): DemoView | undefined {
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  c.known(o, path, ['cursor', 'speed', 'theme', 'animationMs', 'selection', 'camera']);
  const cursor = c.number(o.cursor, `${path}.cursor`, 0, 10_000_000, true);
  const speed = c.number(o.speed, `${path}.speed`, 0.01, 100, false);
  const theme = c.oneOf(o.theme, `${path}.theme`, THEMES);
  const animationMs = c.number(o.animationMs, `${path}.animationMs`, 0, 60_000, false);
  const sel = selection(c, o.selection, `${path}.selection`);
  const cam = o.camera === null ? null : camera(c, o.camera, `${path}.camera`);
  if (
    cursor === undefined ||
    speed === undefined ||
    theme === undefined ||
    animationMs === undefined ||
    sel === undefined ||
    cam === undefined
  )
    return undefined;
  return { cursor, speed, theme, animationMs, selection: sel, camera: cam };
}

function event(c: Checker, v: unknown, path: string, duration: number): DemoEvent | undefined {
  const o = c.object(v, path);
  if (o === undefined) return undefined;
  const t = c.number(o.t, `${path}.t`, 0, duration, false);
  const type = c.oneOf(o.type, `${path}.type`, [
    'step',
    'select',
    'speed',
    'theme',
    'camera',
    'script',
  ] as const);
  if (t === undefined || type === undefined) return undefined;
  switch (type) {
    case 'step': {
      c.known(o, path, ['t', 'type', 'cursor', 'transition']);
      const cursor = c.number(o.cursor, `${path}.cursor`, 0, 10_000_000, true);
      const transition = c.oneOf(o.transition, `${path}.transition`, TRANSITIONS);
      return cursor === undefined || transition === undefined
        ? undefined
        : { t, type, cursor, transition };
    }
    case 'select': {
      c.known(o, path, ['t', 'type', 'selection']);
      const s = selection(c, o.selection, `${path}.selection`);
      return s === undefined ? undefined : { t, type, selection: s };
    }
    case 'speed': {
      c.known(o, path, ['t', 'type', 'speed']);
      const speed = c.number(o.speed, `${path}.speed`, 0.01, 100, false);
      return speed === undefined ? undefined : { t, type, speed };
    }
    case 'theme': {
      c.known(o, path, ['t', 'type', 'theme']);
      const theme = c.oneOf(o.theme, `${path}.theme`, THEMES);
      return theme === undefined ? undefined : { t, type, theme };
    }
    case 'camera': {
      c.known(o, path, ['t', 'type', 'camera']);
      const cam = camera(c, o.camera, `${path}.camera`);
      return cam === undefined ? undefined : { t, type, camera: cam };
    }
    case 'script': {
      c.known(o, path, ['t', 'type', 'name', 'source']);
      const name = c.string(o.name, `${path}.name`, 500);
      const source = c.string(o.source, `${path}.source`, MAX_SOURCE);
      return name === undefined || source === undefined ? undefined : { t, type, name, source };
    }
    default:
      return undefined;
  }
}

/** Validate a parsed JSON value as a demo. */
export function validateDemo(value: unknown): ParseResult {
  const c = new Checker();
  const o = c.object(value, '$');
  if (o === undefined) return { ok: false, errors: c.errors };
  if (o.format !== DEMO_FORMAT) {
    c.fail('$.format', `expected "${DEMO_FORMAT}", got ${describe(o.format)}: not an mmscope demo`);
    return { ok: false, errors: c.errors };
  }
  if (o.version !== DEMO_VERSION) {
    const v =
      typeof o.version === 'number' && Number.isInteger(o.version) && o.version > DEMO_VERSION;
    c.fail(
      '$.version',
      v
        ? `version ${String(o.version)} is newer than this mmscope reads (${DEMO_VERSION}): update mmscope`
        : `expected ${DEMO_VERSION}, got ${describe(o.version)}`,
    );
    return { ok: false, errors: c.errors };
  }
  c.known(o, '$', [
    'format',
    'version',
    'title',
    'createdAt',
    'script',
    'initial',
    'viewport',
    'events',
    'duration',
  ]);
  const title = c.string(o.title, '$.title', 500);
  const createdAt = c.string(o.createdAt, '$.createdAt', 100);
  if (createdAt !== undefined && Number.isNaN(Date.parse(createdAt))) {
    c.fail('$.createdAt', `expected an ISO 8601 date, got ${describe(createdAt)}`);
  }
  const duration = c.number(o.duration, '$.duration', 0, MAX_DURATION_MS, false);

  let script: DemoScript | undefined;
  const so = c.object(o.script, '$.script');
  if (so !== undefined) {
    c.known(so, '$.script', ['name', 'source', 'scenarioId', 'narration']);
    const name = c.string(so.name, '$.script.name', 500);
    const source = c.string(so.source, '$.script.source', MAX_SOURCE);
    const scenarioId =
      so.scenarioId === null ? null : c.string(so.scenarioId, '$.script.scenarioId', 100);
    const no = c.object(so.narration, '$.script.narration');
    const narration: Record<string, string> = {};
    if (no !== undefined) {
      for (const [k, v] of Object.entries(no)) {
        const p = `$.script.narration[${JSON.stringify(k)}]`;
        if (!/^(0|[1-9]\d{0,6})$/.test(k)) c.fail(p, 'expected a statement line number as the key');
        const s = c.string(v, p, 10_000);
        if (s !== undefined) narration[k] = s;
      }
    }
    if (
      name !== undefined &&
      source !== undefined &&
      scenarioId !== undefined &&
      no !== undefined
    ) {
      script = { name, source, scenarioId, narration };
    }
  }

  const initial = view(c, o.initial, '$.initial');

  let viewport: Demo['viewport'] | undefined = null;
  if (o.viewport !== null && o.viewport !== undefined) {
    const vo = c.object(o.viewport, '$.viewport');
    viewport = undefined;
    if (vo !== undefined) {
      c.known(vo, '$.viewport', ['width', 'height']);
      const width = c.number(vo.width, '$.viewport.width', 200, 8192, true);
      const height = c.number(vo.height, '$.viewport.height', 200, 8192, true);
      if (width !== undefined && height !== undefined) viewport = { width, height };
    }
  }

  const events: DemoEvent[] = [];
  if (!Array.isArray(o.events)) {
    c.fail('$.events', `expected an array, got ${describe(o.events)}`);
  } else {
    let last = 0;
    o.events.forEach((ev, i) => {
      const e = event(c, ev, `$.events[${i}]`, duration ?? MAX_DURATION_MS);
      if (e === undefined) return;
      if (e.t < last) c.fail(`$.events[${i}].t`, `events must be in time order: ${e.t} < ${last}`);
      last = e.t;
      events.push(e);
    });
  }

  if (
    c.errors.length > 0 ||
    title === undefined ||
    createdAt === undefined ||
    duration === undefined ||
    script === undefined ||
    initial === undefined ||
    viewport === undefined
  ) {
    if (c.errors.length === 0) c.fail('$', 'invalid demo');
    return { ok: false, errors: c.errors };
  }
  return {
    ok: true,
    demo: {
      format: DEMO_FORMAT,
      version: DEMO_VERSION,
      title,
      createdAt,
      script,
      initial,
      viewport,
      events,
      duration,
    },
  };
}

/** Parse the text of a `.mmsdemo` file. */
export function parseDemo(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [{ path: '$', message: `not JSON: ${message}` }] };
  }
  return validateDemo(value);
}
