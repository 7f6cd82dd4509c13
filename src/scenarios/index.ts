/**
 * The built-in scenarios: the registry the picker lists, `?scenario=<id>` loads and the demo
 * recorder names. Each scenario's script is also a conformance script (tests/conformance/
 * scenarios/<file>.expected), so what a walkthrough shows is what the kernel does.
 */
import type { Walkthrough } from '../store/store';
import { artCmcCopy } from './artCmcCopy';
import { artCmcMinor } from './artCmcMinor';
import { artRace } from './artRace';
import { chromeosSwap } from './chromeosSwap';
import { dontunmap } from './dontunmap';
import { dontunmapBasics } from './dontunmapBasics';
import { mirror } from './mirror';
import { pagetableLevels } from './pagetableLevels';
import { uffdMove } from './uffdMove';
import { step, type NarrationStep, type Scenario, type SourceRef } from './types';
import { R } from './refs';

export type { NarrationStep, Scenario, ScenarioVariant, SourceRef } from './types';

/**
 * The shell's default walkthrough (src/scenarios/dontunmap.*, owned by the shell) as a scenario:
 * its own id, name and sentences, so that loading it from the picker is exactly the default page.
 * Its sentences carry no `at` (they predate it): the metadata test checks their lines instead.
 */
const DEFAULT_REFS: Readonly<Record<number, readonly SourceRef[]>> = {
  0: [R.mremap, R.dontunmapCommit],
  5: [R.mmap, R.mmapC],
  6: [R.doAnonymousPage],
  8: [R.memfdCreate],
  11: [R.shmemFault],
  17: [R.moveVma, R.movePageTables, R.dontunmapComplete],
  18: [R.mremap],
  24: [R.doAnonymousPage, R.mremap],
  26: [R.shmemFault],
  30: [R.doWpPage],
};

export const defaultWalkthrough: Scenario = {
  id: dontunmap.id,
  file: 'dontunmap.mms',
  title: 'MREMAP_DONTUNMAP walkthrough (the default)',
  summary:
    'The explorer’s opening walkthrough: 64 KiB of private anonymous memory and of a memfd moved with MREMAP_DONTUNMAP, then touched again.',
  tags: ['mremap', 'MREMAP_DONTUNMAP', 'memfd', 'default', 'introduction'],
  source: dontunmap.source,
  profile: '6.18',
  narration: Object.entries(dontunmap.narration).map(([line, text]) =>
    step(Number(line), '', text, DEFAULT_REFS[Number(line)] ?? []),
  ),
  variants: [],
};

/** In the picker's order: the basics first, then the GC cycles, then the rest. */
export const SCENARIOS: readonly Scenario[] = [
  dontunmapBasics,
  artCmcCopy,
  artCmcMinor,
  uffdMove,
  artRace,
  chromeosSwap,
  mirror,
  pagetableLevels,
  defaultWalkthrough,
];

export function findScenario(id: string | null | undefined): Scenario | undefined {
  return id === null || id === undefined ? undefined : SCENARIOS.find((s) => s.id === id);
}

/** The profiles a scenario can be shown under: its own first, then its variants'. */
export function profilesOf(s: Scenario): readonly string[] {
  return [s.profile, ...s.variants.map((v) => v.profile)];
}

/** The script under `profile`: the variant replaces the `kernel` line (line 1). */
export function sourceFor(s: Scenario, profile?: string | null): string {
  if (profile === undefined || profile === null || profile === s.profile) return s.source;
  if (!s.variants.some((v) => v.profile === profile)) return s.source;
  const lines = s.source.split('\n');
  if (!/^kernel\s/.test(lines[0] ?? '')) return s.source;
  lines[0] = `kernel ${profile}`;
  return lines.join('\n');
}

/** The sentences under `profile`: the variant's override the scenario's, line by line. */
export function narrationFor(s: Scenario, profile?: string | null): readonly NarrationStep[] {
  const v = s.variants.find((x) => x.profile === profile);
  if (v === undefined) return s.narration;
  const over = new Map(v.narration.map((n) => [n.line, n]));
  const out = s.narration.map((n) => over.get(n.line) ?? n);
  for (const n of v.narration) if (!s.narration.some((m) => m.line === n.line)) out.push(n);
  return out.sort((a, b) => a.line - b.line);
}

/** The store's walkthrough for a scenario (under a profile variant, if given). */
export function walkthroughOf(s: Scenario, profile?: string | null): Walkthrough {
  if (s.id === dontunmap.id) return dontunmap;
  const variant = s.variants.find((v) => v.profile === profile);
  const narration: Record<number, string> = {};
  for (const n of narrationFor(s, variant?.profile)) narration[n.line] = n.text;
  return {
    id: s.id,
    name: variant === undefined ? s.file : `${s.file} (kernel ${variant.profile})`,
    source: sourceFor(s, variant?.profile),
    narration,
  };
}

/** The scenario whose text (under any of its profiles) is exactly `source`. */
export function scenarioOfSource(source: string): { scenario: Scenario; profile: string } | null {
  for (const s of SCENARIOS) {
    for (const p of profilesOf(s))
      if (sourceFor(s, p) === source) return { scenario: s, profile: p };
  }
  return null;
}

/** The links for the statement at `line` (0: the initial state) under `profile`. */
export function refsAt(s: Scenario, line: number, profile?: string | null): readonly SourceRef[] {
  return narrationFor(s, profile).find((n) => n.line === line)?.refs ?? [];
}

/**
 * Picker search: every word of the query must occur (case-insensitive) in the id, title, summary
 * or tags. An empty query lists everything, in registry order.
 */
export function searchScenarios(query: string): Scenario[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '');
  return SCENARIOS.filter((s) => {
    const hay = [s.id, s.title, s.summary, ...s.tags].join(' ').toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
