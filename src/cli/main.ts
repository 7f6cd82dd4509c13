/**
 * The `mmscope` command line: run a script on the simulator, on the real kernel (the oracle),
 * compare the two, or just check a script. Exit codes follow sysexits.h where one fits, so
 * scripts and CI can tell a difference (1) from a broken script (2) from a host that cannot
 * run the oracle (77, which test harnesses read as "skipped").
 */
import { readFileSync, realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Effect } from '../core/effects';
import { compile } from '../script/compile';
import { formatError } from '../script/errors';
import type { Fact } from '../script/facts';
import { formatTranscript, TranscriptFormatter } from '../script/format';
import type { Program } from '../script/program';
import { unifiedDiff } from './unifiedDiff';

export const EXIT_OK = 0;
export const EXIT_DIFFERENT = 1;
export const EXIT_SCRIPT_ERROR = 2;
export const EXIT_USAGE = 64; // EX_USAGE
export const EXIT_NO_INPUT = 66; // EX_NOINPUT
export const EXIT_INTERNAL = 70; // EX_SOFTWARE
export const EXIT_SKIP = 77; // automake's "skipped"

export const USAGE = `Usage: mmscope <command> [options] FILE...

Commands:
  run FILE [--effects]  print the simulator's transcript of FILE; with --effects, each
                        statement's effect records follow its lines, one JSON object a line
  check FILE...         report script errors as file:line:col: message
  oracle FILE           print the real kernel's transcript of FILE (Linux, as root)
  diff FILE...          run FILE on both and print a unified diff (--- kernel, +++ simulator)
                        for each FILE whose transcripts differ
  record ID|DEMO --out FILE.webm
                        render a scenario or a .mmsdemo to a WebM video (record --help)

Exit status: 0 success (diff: all identical), 1 transcripts differ, 2 script error,
64 usage error, 66 unreadable file, 70 internal error, 77 the oracle cannot run here.
`;

/** Where the CLI writes; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

class UsageError extends Error {}

/** JSON with bigints as decimal strings (JSON has no 64-bit integers). */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** A script's text; `-` is standard input. */
function displayName(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

function read(file: string, io: Io): string | null {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    io.err(`mmscope: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    return null;
  }
}

/** A script's program, or its errors printed to stderr and null. */
function load(file: string, io: Io): { program: Program } | { code: number } {
  const text = read(file, io);
  if (text === null) return { code: EXIT_NO_INPUT };
  const r = compile(text, displayName(file));
  if (r.ok) return { program: r.program };
  for (const e of r.errors) io.err(formatError(displayName(file), e) + '\n');
  return { code: EXIT_SCRIPT_ERROR };
}

function internal(io: Io, what: string, e: unknown): number {
  io.err(
    `mmscope: internal error in ${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  return EXIT_INTERNAL;
}

/** An error fact (an unbound name, an access on a blocked thread) is a script error too. */
function endsInError(facts: readonly Fact[]): boolean {
  return facts.at(-1)?.kind === 'error';
}

async function cmdRun(files: string[], effects: boolean, io: Io): Promise<number> {
  if (files.length !== 1) throw new UsageError('run takes exactly one FILE');
  const file = files[0]!;
  const loaded = load(file, io);
  if ('code' in loaded) return loaded.code;
  const { program } = loaded;
  const { simulate } = await import('./transcripts');
  let run: ReturnType<typeof simulate>;
  try {
    run = simulate(program);
  } catch (e) {
    return internal(io, 'the simulator', e);
  }
  const formatter = new TranscriptFormatter(program, run.header);
  let out = '';
  for (const step of run.steps) {
    for (const line of formatter.format(step.op, step.fact)) out += line + '\n';
    if (effects) for (const e of step.effects as readonly Effect[]) out += toJson(e) + '\n';
  }
  io.out(out);
  return endsInError(run.steps.map((s) => s.fact)) ? EXIT_SCRIPT_ERROR : EXIT_OK;
}

function cmdCheck(files: string[], io: Io): number {
  if (files.length === 0) throw new UsageError('check needs at least one FILE');
  let code = EXIT_OK;
  for (const file of files) {
    const text = read(file, io);
    if (text === null) {
      code = Math.max(code, EXIT_NO_INPUT);
      continue;
    }
    const r = compile(text, displayName(file));
    if (!r.ok) {
      for (const e of r.errors) io.out(formatError(displayName(file), e) + '\n');
      if (code === EXIT_OK) code = EXIT_SCRIPT_ERROR;
    }
  }
  return code;
}

async function cmdOracle(files: string[], io: Io): Promise<number> {
  if (files.length !== 1) throw new UsageError('oracle takes exactly one FILE');
  const file = files[0]!;
  const loaded = load(file, io);
  if ('code' in loaded) return loaded.code;
  const { runOracle } = await import('../oracle/run');
  const r = await runOracle(loaded.program);
  if (!r.ok) {
    io.err(`mmscope: ${file}: ${r.reason}\n`);
    return r.skip ? EXIT_SKIP : EXIT_INTERNAL;
  }
  io.out(formatTranscript(loaded.program, r.header, r.facts));
  return endsInError(r.facts) ? EXIT_SCRIPT_ERROR : EXIT_OK;
}

interface DiffOutcome {
  readonly out: string;
  readonly err: string;
  /** script error, different, internal, skipped, identical */
  readonly status: 'script' | 'different' | 'internal' | 'skip' | 'same';
}

async function diffOne(file: string): Promise<DiffOutcome> {
  let err = '';
  const io: Io = { out: () => {}, err: (t) => (err += t) };
  const loaded = load(file, io);
  if ('code' in loaded) {
    return { out: '', err, status: loaded.code === EXIT_SCRIPT_ERROR ? 'script' : 'internal' };
  }
  const { program } = loaded;
  const { simulate, runOracle } = await import('./transcripts');
  let simulated: string;
  try {
    const run = simulate(program);
    simulated = formatTranscript(
      program,
      run.header,
      run.steps.map((s) => s.fact),
    );
  } catch (e) {
    internal(io, `the simulator (${file})`, e);
    return { out: '', err, status: 'internal' };
  }
  const r = await runOracle(program);
  if (!r.ok) {
    return {
      out: '',
      err: `mmscope: ${file}: ${r.reason}\n`,
      status: r.skip ? 'skip' : 'internal',
    };
  }
  const kernel = formatTranscript(program, r.header, r.facts);
  const d = unifiedDiff(kernel, simulated, `${file} (kernel)`, `${file} (simulator)`);
  return { out: d, err, status: d === '' ? 'same' : 'different' };
}

async function cmdDiff(files: string[], io: Io): Promise<number> {
  if (files.length === 0) throw new UsageError('diff needs at least one FILE');
  // Oracle runs take a while each; run a few at once, report in the order given.
  const jobs = Math.max(1, Math.min(4, availableParallelism()));
  const results: Promise<DiffOutcome>[] = [];
  const running = new Set<Promise<unknown>>();
  for (const file of files) {
    while (running.size >= jobs) await Promise.race(running);
    const p = diffOne(file);
    const tracked = p.finally(() => running.delete(tracked));
    running.add(tracked);
    results.push(p);
  }
  const seen = new Set<DiffOutcome['status']>();
  for (const p of results) {
    const r = await p;
    io.err(r.err);
    io.out(r.out);
    seen.add(r.status);
  }
  if (seen.has('script')) return EXIT_SCRIPT_ERROR;
  if (seen.has('different')) return EXIT_DIFFERENT;
  if (seen.has('internal')) return EXIT_INTERNAL;
  if (seen.has('skip')) return EXIT_SKIP;
  return EXIT_OK;
}

/** Runs the CLI; returns the exit status. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  const files: string[] = [];
  let effects = false;
  let optionsDone = false;
  try {
    if (command === undefined) throw new UsageError('no command');
    // `record` has options of its own (src/cli/record.ts, the scenarios engineer's).
    if (command === 'record') return await (await import('./record')).cmdRecord(rest, io);
    if (command === '-h' || command === '--help' || command === 'help') {
      io.out(USAGE);
      return EXIT_OK;
    }
    for (const a of rest) {
      if (!optionsDone && a === '--') optionsDone = true;
      else if (!optionsDone && (a === '-h' || a === '--help')) {
        io.out(USAGE);
        return EXIT_OK;
      } else if (!optionsDone && a === '--effects' && command === 'run') effects = true;
      else if (!optionsDone && a.startsWith('-') && a !== '-')
        throw new UsageError(`unknown option ${a}`);
      else files.push(a);
    }
    switch (command) {
      case 'run':
        return await cmdRun(files, effects, io);
      case 'check':
        return cmdCheck(files, io);
      case 'oracle':
        return await cmdOracle(files, io);
      case 'diff':
        return await cmdDiff(files, io);
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`mmscope: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    return internal(io, 'mmscope', e);
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Run only as the entry point, so tests can import `main`.
if (isEntryPoint()) process.exitCode = await main(process.argv.slice(2));
