/**
 * Builds `oracle/mmsexec.c` with the system `cc` into `oracle/build/` on demand. The binary's
 * name carries a hash of the source and flags, so a changed source gets a new binary and an
 * unchanged one is never rebuilt. Two processes may build at once: each compiles to its own
 * temporary name and renames it into place (rename is atomic; the loser's copy is identical).
 */
import { execFileSync, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const CC_FLAGS: readonly string[] = ['-O2', '-pthread', '-Wall', '-Wl,-z,now'];

export function repoRoot(): string {
  return fileURLToPath(new URL('../../', import.meta.url));
}

export function oracleSourcePath(): string {
  return join(repoRoot(), 'oracle', 'mmsexec.c');
}

interface Plan {
  readonly binary: string;
  readonly temp: string;
  readonly args: readonly string[];
}

function plan(): Plan {
  const src = oracleSourcePath();
  const text = readFileSync(src);
  const hash = createHash('sha256')
    .update(CC_FLAGS.join(' '))
    .update('\0')
    .update(text)
    .digest('hex')
    .slice(0, 16);
  const dir = join(repoRoot(), 'oracle', 'build');
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, `mmsexec-${hash}`);
  const temp = `${binary}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  return { binary, temp, args: [...CC_FLAGS, '-o', temp, src] };
}

/** Thrown when there is no C compiler: the oracle cannot run here (a skip, not a failure). */
export class NoCompilerError extends Error {
  override readonly name = 'NoCompilerError';
}

function failure(e: unknown, p: Plan): Error {
  rmSync(p.temp, { force: true });
  const err = e as NodeJS.ErrnoException & { stderr?: Buffer | string };
  if (err.code === 'ENOENT') return new NoCompilerError('no C compiler (cc) on this machine');
  return new Error(`cc failed to build the oracle:\n${String(err.stderr ?? err.message)}`);
}

/** Binaries of older sources go once a new one is in place (a running one is unaffected). */
function removeStale(p: Plan): void {
  const dir = join(p.binary, '..');
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.startsWith('mmsexec-') && !name.includes('.tmp-') && path !== p.binary)
      rmSync(path, { force: true });
  }
}

/** The path of an up-to-date oracle binary, building it if needed. */
export function buildOracleSync(): string {
  const p = plan();
  if (existsSync(p.binary)) return p.binary;
  try {
    execFileSync('cc', p.args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    throw failure(e, p);
  }
  renameSync(p.temp, p.binary);
  removeStale(p);
  return p.binary;
}

export async function buildOracle(): Promise<string> {
  const p = plan();
  if (existsSync(p.binary)) return p.binary;
  try {
    await execFileAsync('cc', p.args);
  } catch (e) {
    throw failure(e, p);
  }
  renameSync(p.temp, p.binary);
  removeStale(p);
  return p.binary;
}
