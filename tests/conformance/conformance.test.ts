/**
 * The conformance suite: every `tests/conformance/**\/*.mms` against its checked-in kernel
 * recording `<name>.expected`.
 *
 * - simulator: the simulator's transcript must equal the recording byte for byte;
 * - oracle: where the live oracle can run (Linux 6.18, root: CI and the workplace), the real
 *   kernel's transcript must equal it too, so a stale recording fails.
 *
 * The first oracle test starts every oracle run, at most ORACLE_JOBS at a time, and each
 * oracle test awaits its own run. See README.md in this folder.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, test } from 'vitest';
import { compileScript, oracleTranscript, simulatorTranscript } from '../../src/cli/transcripts';
import { NEWEST_PROFILE, oracleAvailable } from '../../src/oracle/run';
import {
  findFiles,
  findScripts,
  limiter,
  lineDiff,
  ORACLE_JOBS,
  readExpected,
  readScript,
  scriptPathForExpected,
  SUITE_DIR,
  type Script,
} from './lib';

type OracleResult =
  | { readonly ok: true; readonly transcript: string }
  | { readonly ok: false; readonly skip: boolean; readonly reason: string };

const scripts = findScripts();
const availability = await oracleAvailable();
const withOracle = availability.ok;

/** Oracle runs, started (all at once, ORACLE_JOBS at a time) by the first oracle test. */
const oracleRuns = new Map<string, Promise<OracleResult>>();
function startOracleRuns(): void {
  const slot = limiter(ORACLE_JOBS);
  for (const s of scripts) {
    const text = readScript(s);
    const run = slot(() => oracleTranscript(text, s.name)).catch((e: unknown): OracleResult => ({
      ok: false,
      skip: false,
      reason: String(e),
    }));
    oracleRuns.set(s.name, run);
  }
}

function recording(s: Script): string {
  const expected = readExpected(s);
  if (expected === null) {
    throw new Error(
      `${s.name}: no recording ${s.name.replace(/\.mms$/, '.expected')}; ` +
        `record it with: npx tsx tests/conformance/record.ts tests/conformance/${s.name}`,
    );
  }
  return expected;
}

function assertSame(actual: string, expected: string, s: Script, who: string): void {
  if (actual === expected) return;
  const diff = lineDiff(expected, actual, `${s.name} (recording)`, `${s.name} (${who})`);
  expect.fail(`${who} transcript differs from the recording:\n${diff}`);
}

test('the suite has scripts', () => {
  expect(scripts.length).toBeGreaterThan(0);
});

test('every recording has its script', () => {
  const orphans = findFiles(SUITE_DIR, '.expected').filter(
    (p) => !existsSync(scriptPathForExpected(p)),
  );
  expect(orphans).toEqual([]);
});

// Recordings come from a Linux 6.18 host, so a script with another `kernel X.Y` profile could
// never be recorded or checked here.
test(`every script runs with the recording host's profile (${NEWEST_PROFILE})`, () => {
  const others = scripts
    .map((s) => ({ name: s.name, profile: compileScript(readScript(s), s.name).profile }))
    .filter((p) => p.profile !== null && p.profile !== NEWEST_PROFILE);
  expect(others).toEqual([]);
});

describe('simulator', () => {
  for (const s of scripts) {
    test(s.name, () => {
      const expected = recording(s);
      assertSame(simulatorTranscript(readScript(s), s.name), expected, s, 'simulator');
    });
  }
});

describe.runIf(withOracle)('oracle', () => {
  beforeAll(startOracleRuns);
  for (const s of scripts) {
    test(s.name, async (ctx) => {
      const result = await oracleRuns.get(s.name)!;
      if (!result.ok) {
        if (result.skip) ctx.skip(result.reason);
        expect.fail(`${s.name}: the oracle failed: ${result.reason}`);
      }
      assertSame(result.transcript, recording(s), s, 'kernel');
    });
  }
});
