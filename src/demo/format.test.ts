/**
 * The .mmsdemo parser: a valid demo round-trips; every kind of corruption is an error whose path
 * says where it is.
 */
import { describe, expect, test } from 'vitest';
import {
  demoFileName,
  formatDemoErrors,
  parseDemo,
  serializeDemo,
  validateDemo,
  type Demo,
} from './format';

export const SAMPLE: Demo = {
  format: 'mmsdemo',
  version: 1,
  title: 'art-cmc-copy',
  createdAt: '2025-01-02T03:04:05.000Z',
  script: {
    name: 'art-cmc-copy.mms',
    source: 'a = mmap(NULL, 4K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)\nload(a, 4K)\n',
    scenarioId: 'art-cmc-copy',
    narration: { '0': 'Intro.', '1': 'A mapping.' },
  },
  initial: { cursor: 0, speed: 1, theme: 'light', animationMs: 600, selection: null, camera: null },
  viewport: { width: 1440, height: 900 },
  events: [
    { t: 500, type: 'step', cursor: 1, transition: 'forward' },
    { t: 900, type: 'select', selection: { kind: 'vma', id: 1 } },
    { t: 1000, type: 'camera', camera: { pane: 'address-space', range: [4096, 8192] } },
    { t: 1100, type: 'speed', speed: 2 },
    { t: 1200, type: 'theme', theme: 'dark' },
    { t: 1300, type: 'select', selection: { kind: 'table', level: 'pte', base: 0 } },
    { t: 1400, type: 'script', name: 'x.mms', source: 'load(NULL, 4K)\n' },
    { t: 1500, type: 'step', cursor: 0, transition: 'reset' },
  ],
  duration: 2000,
};

const DELETE = Symbol('delete');

/** A deep copy of SAMPLE, as parsed JSON, with `value` set (or deleted) at each dotted path. */
function corrupt(...edits: [string, unknown][]): unknown {
  const d = JSON.parse(JSON.stringify(SAMPLE)) as unknown;
  for (const [path, value] of edits) {
    const keys = path.split('.');
    let o = d as Record<string, unknown>;
    for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>;
    const last = keys[keys.length - 1]!;
    if (value === DELETE) delete o[last];
    else o[last] = value;
  }
  return d;
}

function errorsOf(v: unknown): string {
  const r = validateDemo(v);
  expect(r.ok).toBe(false);
  return r.ok ? '' : formatDemoErrors(r.errors);
}

test('a valid demo round-trips through serialize and parse', () => {
  const text = serializeDemo(SAMPLE);
  const r = parseDemo(text);
  expect(r.ok).toBe(true);
  if (r.ok) expect(r.demo).toEqual(SAMPLE);
  expect(text.endsWith('\n')).toBe(true);
});

test('a demo without viewport (null) is valid', () => {
  const r = validateDemo(corrupt(['viewport', null]));
  expect(r.ok).toBe(true);
});

test('not JSON', () => {
  const r = parseDemo('{"format": "mmsdemo",');
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.errors[0]!.path).toBe('$');
    expect(r.errors[0]!.message).toMatch(/^not JSON/);
  }
});

describe('corrupt demos name the path of the problem', () => {
  const cases: [string, [string, unknown], string][] = [
    ['another format', ['format', 'mmscope'], '$.format: expected "mmsdemo"'],
    [
      'a newer version',
      ['version', 2],
      '$.version: version 2 is newer than this mmscope reads (1)',
    ],
    ['no title', ['title', DELETE], '$.title: expected a string, got undefined'],
    ['bad date', ['createdAt', 'yesterday'], '$.createdAt: expected an ISO 8601 date'],
    ['negative duration', ['duration', -1], '$.duration: expected a number in [0,'],
    ['script not an object', ['script', 'x'], '$.script: expected an object, got the string "x"'],
    [
      'source not a string',
      ['script.source', 42],
      '$.script.source: expected a string, got number 42',
    ],
    [
      'bad narration key',
      ['script.narration.intro', 'x'],
      '$.script.narration["intro"]: expected a statement line number',
    ],
    [
      'bad narration value',
      ['script.narration.1', 7],
      '$.script.narration["1"]: expected a string',
    ],
    ['negative cursor', ['initial.cursor', -1], '$.initial.cursor: expected an integer in [0,'],
    [
      'fractional cursor',
      ['initial.cursor', 1.5],
      '$.initial.cursor: expected an integer, got 1.5',
    ],
    [
      'bad theme',
      ['initial.theme', 'blue'],
      '$.initial.theme: expected one of "light", "dark", got the string "blue"',
    ],
    [
      'zero speed',
      ['initial.speed', 0],
      '$.initial.speed: expected a number in [0.01, 100], got 0',
    ],
    [
      'bad selection kind',
      ['initial.selection', { kind: 'pgd' }],
      '$.initial.selection.kind: expected one of',
    ],
    ['events not an array', ['events', {}], '$.events: expected an array, got an object'],
    ['event without type', ['events.0.type', DELETE], '$.events[0].type: expected one of "step"'],
    ['unknown event type', ['events.1.type', 'zoom'], '$.events[1].type: expected one of'],
    [
      'event after the end',
      ['events.7.t', 5000],
      '$.events[7].t: expected a number in [0, 2000], got 5000',
    ],
    [
      'events out of order',
      ['events.2.t', 100],
      '$.events[2].t: events must be in time order: 100 < 900',
    ],
    [
      'bad transition',
      ['events.0.transition', 'sideways'],
      '$.events[0].transition: expected one of "forward"',
    ],
    [
      'selection field',
      ['events.1.selection.id', 'one'],
      '$.events[1].selection.id: expected a number',
    ],
    [
      'table level',
      ['events.5.selection.level', 'p4d'],
      '$.events[5].selection.level: expected one of "pgd"',
    ],
    [
      'camera range order',
      ['events.2.camera.range', [8192, 4096]],
      '$.events[2].camera.range: expected start < end',
    ],
    [
      'camera range shape',
      ['events.2.camera.range', [1]],
      '$.events[2].camera.range: expected null or [start, end]',
    ],
    ['unknown field', ['events.3.speeed', 2], '$.events[3].speeed: unknown field'],
    [
      'viewport too small',
      ['viewport.width', 10],
      '$.viewport.width: expected an integer in [200, 8192], got 10',
    ],
  ];
  test('not an object', () => {
    expect(errorsOf([])).toContain('$: expected an object, got an array');
  });
  test.each(cases)('%s', (_name, edit, message) => {
    expect(errorsOf(corrupt(edit))).toContain(message);
  });

  test('several problems are all reported', () => {
    const text = errorsOf(
      corrupt(['initial.cursor', -1], ['events.0.cursor', 'x'], ['events.4.theme', 'blue']),
    );
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain('$.events[0].cursor');
    expect(text).toContain('$.events[4].theme');
  });
});

test('file names come from the title', () => {
  expect(demoFileName({ title: 'ART CMC: copy mode!' })).toBe('art-cmc-copy-mode.mmsdemo');
  expect(demoFileName({ title: '***' })).toBe('demo.mmsdemo');
  expect(demoFileName({ title: 'art-race.mms' })).toBe('art-race.mmsdemo');
});
