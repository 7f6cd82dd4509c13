/**
 * Shared helpers of the conformance suite: finding scripts, their recordings, a readable
 * line diff, and a bounded-parallelism map. Used by conformance.test.ts, record.ts and
 * determinism.ts; no vitest imports here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** tests/conformance, absolute. */
export const SUITE_DIR = dirname(fileURLToPath(import.meta.url));
/** The repository root. */
export const REPO_ROOT = resolve(SUITE_DIR, '..', '..');

export interface Script {
  /** Absolute path of the `.mms` file. */
  readonly path: string;
  /** Path relative to tests/conformance, with `/` separators, e.g. `mmap/fixed.mms`. */
  readonly name: string;
  /** Absolute path of the recording next to it (`<name>.expected`). */
  readonly expectedPath: string;
}

/**
 * Scenarios (added by the scenarios engineer): the explorer's walkthroughs, `src/scenarios/*.mms`,
 * are conformance scripts too, so that a walkthrough shows what the kernel does. Their kernel
 * recordings live in `tests/conformance/scenarios/<file>.expected` (the scripts stay beside
 * their narration); they run as `scenarios/<file>.mms`. See tests/conformance/scenarios/README.md.
 */
export const SCENARIO_DIR = join(REPO_ROOT, 'src', 'scenarios');
export const SCENARIO_EXPECTED_DIR = join(SUITE_DIR, 'scenarios');

/** The script a recording belongs to: beside it, or in src/scenarios for a scenario's. */
export function scriptPathForExpected(expectedPath: string): string {
  const abs = resolve(expectedPath);
  if (dirname(abs) === SCENARIO_EXPECTED_DIR) {
    return join(SCENARIO_DIR, basename(abs).replace(/\.expected$/, '.mms'));
  }
  return abs.replace(/\.expected$/, '.mms');
}

function toScript(path: string): Script {
  const abs = resolve(path);
  if (dirname(abs) === SCENARIO_DIR) {
    const file = basename(abs);
    return {
      path: abs,
      name: `scenarios/${file}`,
      expectedPath: join(SCENARIO_EXPECTED_DIR, file.replace(/\.mms$/, '.expected')),
    };
  }
  return {
    path: abs,
    name: relative(SUITE_DIR, abs).split('\\').join('/'),
    expectedPath: abs.replace(/\.mms$/, '.expected'),
  };
}

/** Every file under `dir` whose name ends with `suffix` (absolute paths, unsorted). */
export function findFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p);
      } else if (e.isFile() && e.name.endsWith(suffix)) {
        out.push(p);
      }
    }
  };
  walk(dir);
  return out;
}

/** Every `.mms` file under `dir` (default: the whole suite), sorted by name. */
export function findScripts(dir: string = SUITE_DIR): Script[] {
  const files = findFiles(dir, '.mms');
  // The whole suite includes the scenarios (see SCENARIO_DIR).
  if (resolve(dir) === SUITE_DIR && existsSync(SCENARIO_DIR)) {
    files.push(...findFiles(SCENARIO_DIR, '.mms'));
  }
  return files.map(toScript).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Resolve command-line arguments to scripts: `.mms` files, or directories (all scripts
 * below them). A `.expected` path stands for its script.
 */
export function scriptsFromArgs(args: readonly string[]): Script[] {
  const seen = new Map<string, Script>();
  for (const a of args) {
    // A scenario's recording, or their folder, stands for the scenario scripts (SCENARIO_DIR).
    const p =
      resolve(a) === SCENARIO_EXPECTED_DIR
        ? SCENARIO_DIR
        : a.endsWith('.expected')
          ? scriptPathForExpected(a)
          : resolve(a);
    if (!existsSync(p)) throw new Error(`no such script or directory: ${a}`);
    const found = p.endsWith('.mms') ? [toScript(p)] : findScripts(p);
    for (const s of found) seen.set(s.path, s);
  }
  return [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
}

export function readScript(s: Script): string {
  return readFileSync(s.path, 'utf8');
}

/** The checked-in recording, or null when there is none. */
export function readExpected(s: Script): string | null {
  return existsSync(s.expectedPath) ? readFileSync(s.expectedPath, 'utf8') : null;
}

/**
 * A line diff of two transcripts (LCS), printed like `diff -u` with a few lines of context:
 * `-` lines are only in `a`, `+` lines only in `b`. Returns '' when they are equal.
 * Whitespace at line ends is made visible, since a transcript must match byte for byte.
 */
export function lineDiff(a: string, b: string, labelA: string, labelB: string): string {
  if (a === b) return '';
  const x = a.split('\n');
  const y = b.split('\n');
  const n = x.length;
  const m = y.length;
  // lcs[i][j] = length of the LCS of x[i..] and y[j..]
  const lcs: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) lcs.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i]!;
    const next = lcs[i + 1]!;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = x[i] === y[j] ? next[j + 1]! + 1 : Math.max(next[j]!, row[j + 1]!);
    }
  }
  type Row = { readonly op: ' ' | '-' | '+'; readonly text: string };
  const rows: Row[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      rows.push({ op: ' ', text: x[i]! });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      rows.push({ op: '-', text: x[i]! });
      i++;
    } else {
      rows.push({ op: '+', text: y[j]! });
      j++;
    }
  }
  const show = (t: string): string => t.replace(/[ \t]+$/, (w) => w.replace(/ /g, '·'));
  const CONTEXT = 3;
  const keep = rows.map(() => false);
  rows.forEach((r, k) => {
    if (r.op === ' ') return;
    for (let d = Math.max(0, k - CONTEXT); d <= Math.min(rows.length - 1, k + CONTEXT); d++) {
      keep[d] = true;
    }
  });
  const lines = [`--- ${labelA}`, `+++ ${labelB}`];
  let skipped = false;
  rows.forEach((r, k) => {
    if (!keep[k]) {
      if (!skipped) lines.push('  ...');
      skipped = true;
      return;
    }
    skipped = false;
    lines.push(`${r.op} ${show(r.text)}`);
  });
  return lines.join('\n');
}

/**
 * A slot limiter: `slot(fn)` runs `fn` as soon as fewer than `limit` calls are in flight
 * (in call order) and returns its promise.
 */
export function limiter(limit: number): <R>(fn: () => Promise<R>) => Promise<R> {
  let active = 0;
  const queue: (() => void)[] = [];
  const release = (): void => {
    active--;
    const go = queue.shift();
    if (go) go();
  };
  return <R>(fn: () => Promise<R>): Promise<R> =>
    new Promise<R>((resolveP, rejectP) => {
      const run = (): void => {
        active++;
        Promise.resolve().then(fn).then(resolveP, rejectP).finally(release);
      };
      if (active < limit) run();
      else queue.push(run);
    });
}

/** Map over `items` with at most `limit` calls of `fn` in flight; results keep their order. */
export function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const slot = limiter(limit);
  return Promise.all(items.map((item, k) => slot(() => fn(item, k))));
}

/** The oracle's parallelism: the suite runs on 2 cores. */
export const ORACLE_JOBS = 2;
