/**
 * Record kernel transcripts: run each script on the live oracle and write `<name>.expected`.
 *
 *   npx tsx tests/conformance/record.ts FILE_OR_DIR...   # these scripts
 *   npx tsx tests/conformance/record.ts --all            # every script of the suite
 *   npx tsx tests/conformance/record.ts --missing        # scripts without a recording
 *
 * Prints one line per script (new, changed, same, FAILED) and, for a changed recording,
 * the diff from the old one, so you can read what the kernel said. Exits 1 if any run
 * failed. A recording is a kernel transcript: read it before checking it in.
 */
import { writeFileSync } from 'node:fs';
import { oracleTranscript } from '../../src/cli/transcripts';
import { oracleAvailable } from '../../src/oracle/run';
import {
  findScripts,
  lineDiff,
  mapLimit,
  ORACLE_JOBS,
  readExpected,
  readScript,
  scriptsFromArgs,
  type Script,
} from './lib';

function usage(): never {
  console.error('usage: npx tsx tests/conformance/record.ts [FILES...|--all|--missing]');
  process.exit(2);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 0 || args.includes('-h') || args.includes('--help')) usage();
  let scripts: Script[];
  if (args.includes('--all')) scripts = findScripts();
  else if (args.includes('--missing')) scripts = findScripts().filter((s) => !readExpected(s));
  else scripts = scriptsFromArgs(args.filter((a) => !a.startsWith('--')));
  const availability = await oracleAvailable();
  if (!availability.ok) {
    console.error(`the oracle cannot run here: ${availability.reason}`);
    return 1;
  }
  let failed = 0;
  await mapLimit(scripts, ORACLE_JOBS, async (s) => {
    const r = await oracleTranscript(readScript(s), s.name).catch((e: unknown) => ({
      ok: false as const,
      skip: false,
      reason: String(e),
    }));
    if (!r.ok) {
      failed++;
      console.log(`FAILED  ${s.name}: ${r.skip ? '(skipped) ' : ''}${r.reason}`);
      return;
    }
    const old = readExpected(s);
    if (old === r.transcript) {
      console.log(`same    ${s.name}`);
      return;
    }
    writeFileSync(s.expectedPath, r.transcript);
    if (old === null) {
      console.log(`new     ${s.name}`);
    } else {
      console.log(`changed ${s.name}`);
      console.log(lineDiff(old, r.transcript, 'old recording', 'kernel now'));
    }
  });
  console.log(`${scripts.length} script(s), ${failed} failed`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
