/**
 * Is the oracle deterministic? Runs the oracle side of the suite N times (default 20) and
 * reports every script whose kernel transcript ever differs between runs, or from its
 * recording.
 *
 *   npx tsx tests/conformance/determinism.ts [-n N] [FILES_OR_DIRS...]
 *
 * Each round runs every script once (ORACLE_JOBS in parallel), so the runs of one script
 * are spread over the whole measurement. Exits 1 if anything differed or failed.
 */
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
} from './lib';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  let rounds = 20;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n') rounds = Number(args[++i]);
    else files.push(a);
  }
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error('usage: npx tsx tests/conformance/determinism.ts [-n N] [FILES...]');
    return 2;
  }
  const availability = await oracleAvailable();
  if (!availability.ok) {
    console.error(`the oracle cannot run here: ${availability.reason}`);
    return 1;
  }
  const scripts = files.length ? scriptsFromArgs(files) : findScripts();
  const texts = scripts.map(readScript);
  /** Distinct transcripts per script, with how many runs produced each. */
  const seen = scripts.map(() => new Map<string, number>());
  const failures = scripts.map(() => [] as string[]);
  const t0 = Date.now();
  for (let round = 1; round <= rounds; round++) {
    await mapLimit(scripts, ORACLE_JOBS, async (s, k) => {
      const r = await oracleTranscript(texts[k]!, s.name).catch((e: unknown) => ({
        ok: false as const,
        skip: false,
        reason: String(e),
      }));
      if (!r.ok) {
        failures[k]!.push(`round ${round}: ${r.reason}`);
        return;
      }
      const m = seen[k]!;
      m.set(r.transcript, (m.get(r.transcript) ?? 0) + 1);
    });
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    process.stderr.write(`round ${round}/${rounds} done (${secs} s)\n`);
  }
  let bad = 0;
  scripts.forEach((s, k) => {
    const variants = [...seen[k]!.entries()].sort((a, b) => b[1] - a[1]);
    const expected = readExpected(s);
    const fails = failures[k]!;
    const stale = expected !== null && variants.some(([t]) => t !== expected);
    if (variants.length <= 1 && fails.length === 0 && !stale) return;
    bad++;
    console.log(`DIFFERS ${s.name}: ${variants.length} distinct transcript(s) in ${rounds} runs`);
    for (const f of fails.slice(0, 3)) console.log(`  failed ${f}`);
    const base = expected ?? variants[0]?.[0] ?? '';
    for (const [t, count] of variants) {
      if (t === base) continue;
      console.log(
        lineDiff(base, t, expected !== null ? 'recording' : 'most frequent', `${count} run(s)`),
      );
    }
  });
  const total = scripts.length * rounds;
  console.log(
    `${scripts.length} scripts x ${rounds} runs = ${total} oracle runs in ` +
      `${((Date.now() - t0) / 1000).toFixed(1)} s: ` +
      (bad ? `${bad} script(s) not deterministic or not matching` : 'all identical'),
  );
  return bad ? 1 : 0;
}

process.exitCode = await main();
