/**
 * Runs a Program on this machine's kernel with `oracle/mmsexec.c` and returns the same raw
 * facts the simulator produces (src/script/facts.ts), for `script/format.ts` to print.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { release } from 'node:os';
import type { Fact, RunHeader } from '../script/facts';
import type { Program } from '../script/program';
import { buildOracle, buildOracleSync, NoCompilerError } from './build';
import { decodeOracleOutput } from './decode';
import { serializeProgram } from './wire';

export type OracleResult =
  | { ok: true; header: RunHeader; facts: Fact[]; ns?: (number | null)[] }
  | { ok: false; skip: boolean; reason: string };

/** Options of a run. */
export interface OracleOptions {
  /**
   * Ask the oracle for kernel timings (MMSEXEC_TIMING=1): each fact then has the
   * CLOCK_MONOTONIC nanoseconds of its system call (calls), of the whole settled access
   * (accesses, `wait`) or of the observation, in the result's `ns`.
   */
  readonly timing?: boolean;
}

/** A timed run: `ns[i]` belongs to `facts[i]` (an error fact that ended the run has 0). */
export type TimedOracleResult =
  | { ok: true; header: RunHeader; facts: Fact[]; ns: number[] }
  | { ok: false; skip: boolean; reason: string };

function childEnv(options: OracleOptions): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (options.timing) env['MMSEXEC_TIMING'] = '1';
  else delete env['MMSEXEC_TIMING'];
  return env;
}

/** The profile a script without `kernel X.Y` runs with (mms.md section 2). */
export const NEWEST_PROFILE = '6.18';

/** A run that takes longer has a thread stuck outside a userfault (or the driver blocked). */
export const ORACLE_TIMEOUT_MS = 150_000;

/** The host kernel's `major.minor`, e.g. "6.18", or null off Linux. */
export function hostProfile(): string | null {
  if (process.platform !== 'linux') return null;
  const m = /^(\d+)\.(\d+)/.exec(release());
  return m ? `${m[1]}.${m[2]}` : null;
}

/** Why the oracle cannot run here at all, before building anything; null when it can. */
function hostProblem(): string | null {
  if (process.platform !== 'linux') return `the oracle needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0)
    return 'the oracle needs root: /proc/self/pagemap shows PFNs and /proc/kpageflags is readable only with CAP_SYS_ADMIN';
  try {
    accessSync('/proc/kpageflags', constants.R_OK);
  } catch {
    return 'the oracle needs /proc/kpageflags';
  }
  return null;
}

function profileProblem(program: Program): string | null {
  const host = hostProfile();
  const want = program.profile ?? NEWEST_PROFILE;
  if (host !== want)
    return `the script's profile is kernel ${want}${program.profile === null ? ' (the newest, by default)' : ''} but this host runs ${host ?? 'no Linux'}`;
  return null;
}

function buildProblem(e: unknown): { skip: boolean; reason: string } {
  if (e instanceof NoCompilerError) return { skip: true, reason: e.message };
  return { skip: false, reason: e instanceof Error ? e.message : String(e) };
}

let available: { ok: true } | { ok: false; reason: string } | null = null;

/** Whether the oracle can run on this machine (Linux, root, kpageflags, a C compiler). */
export function oracleAvailableSync(): { ok: true } | { ok: false; reason: string } {
  if (available) return available;
  const problem = hostProblem();
  if (problem !== null) return (available = { ok: false, reason: problem });
  try {
    buildOracleSync();
  } catch (e) {
    return (available = { ok: false, reason: buildProblem(e).reason });
  }
  return (available = { ok: true });
}

export async function oracleAvailable(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (available) return available;
  const problem = hostProblem();
  if (problem !== null) return (available = { ok: false, reason: problem });
  try {
    await buildOracle();
  } catch (e) {
    return (available = { ok: false, reason: buildProblem(e).reason });
  }
  return (available = { ok: true });
}

function finish(
  program: Program,
  stdout: string,
  stderr: string,
  status: number | null,
  signal: string | null,
  timedOut: boolean,
): OracleResult {
  if (timedOut)
    return {
      ok: false,
      skip: false,
      reason: `oracle: no answer within ${ORACLE_TIMEOUT_MS / 1000} s (a thread blocked outside a userfault, or the driver blocked in one)`,
    };
  let decoded;
  try {
    decoded = decodeOracleOutput(program, stdout);
  } catch (e) {
    return { ok: false, skip: false, reason: `oracle: bad output: ${(e as Error).message}` };
  }
  if (!decoded.ok) {
    // No PFNs in pagemap: not root after all (e.g. in a user namespace) -- cannot run here.
    const skip = decoded.fatal === 'nopfn' || decoded.fatal === 'nokpageflags';
    return { ok: false, skip, reason: decoded.reason + (stderr ? `\n${stderr.trim()}` : '') };
  }
  if (status !== 0)
    return {
      ok: false,
      skip: false,
      reason: `oracle exited with ${signal ?? `status ${status}`}${stderr ? `: ${stderr.trim()}` : ''}`,
    };
  return { ok: true, header: decoded.header, facts: decoded.facts, ns: decoded.ns };
}

function precheck(program: Program): OracleResult | null {
  const problem = hostProblem() ?? profileProblem(program);
  return problem === null ? null : { ok: false, skip: true, reason: problem };
}

/** Runs the program on the host kernel. */
export async function runOracle(
  program: Program,
  options: OracleOptions = {},
): Promise<OracleResult> {
  const pre = precheck(program);
  if (pre) return pre;
  let binary: string;
  try {
    binary = await buildOracle();
  } catch (e) {
    return { ok: false, ...buildProblem(e) };
  }
  return new Promise((resolve) => {
    const child = spawn(binary, [], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv(options) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, ORACLE_TIMEOUT_MS);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {}); // an early exit closes the pipe; the output says why
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, skip: false, reason: `oracle: ${e.message}` });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve(
        finish(
          program,
          Buffer.concat(out).toString('utf8'),
          Buffer.concat(err).toString('utf8'),
          status,
          signal,
          timedOut,
        ),
      );
    });
    child.stdin.end(serializeProgram(program));
  });
}

/**
 * Runs the program on the host kernel with timings (for the benchmark): the facts, and per fact
 * the kernel's nanoseconds.
 */
export async function runOracleTimed(program: Program): Promise<TimedOracleResult> {
  const r = await runOracle(program, { timing: true });
  if (!r.ok) return r;
  return { ok: true, header: r.header, facts: r.facts, ns: (r.ns ?? []).map((n) => n ?? 0) };
}

/** Runs the program on the host kernel, synchronously. */
export function runOracleSync(program: Program, options: OracleOptions = {}): OracleResult {
  const pre = precheck(program);
  if (pre) return pre;
  let binary: string;
  try {
    binary = buildOracleSync();
  } catch (e) {
    return { ok: false, ...buildProblem(e) };
  }
  const r = spawnSync(binary, [], {
    input: serializeProgram(program),
    env: childEnv(options),
    maxBuffer: 1 << 30,
    timeout: ORACLE_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT')
    return { ok: false, skip: false, reason: `oracle: ${r.error.message}` };
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return finish(
    program,
    r.stdout.toString('utf8'),
    r.stderr.toString('utf8'),
    r.status,
    r.signal,
    timedOut,
  );
}
