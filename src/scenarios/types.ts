/**
 * What a built-in scenario is: a `.mms` script (also a conformance script, so it shows what the
 * kernel does), a title and summary for the picker, and a sentence per statement saying why it
 * happens, with links to the sources (kernel files, commits, man pages, ART's collector).
 */

/** A source a sentence rests on: shown as a link beside the narration. */
export interface SourceRef {
  readonly label: string;
  readonly url: string;
}

/**
 * One narrated statement. `at` is the start of the statement's text (Op.text), so that a test can
 * check every sentence still sits on the statement it was written for after the script is edited.
 * Line 0 (with `at` '') is the initial state, before any step.
 */
export interface NarrationStep {
  readonly line: number;
  readonly at: string;
  readonly text: string;
  readonly refs: readonly SourceRef[];
}

/**
 * The same script under another behaviour profile (the explorer's profile switch): line 1 of the
 * script is `kernel <version>`, and the variant replaces it, so line numbers and narration stay.
 * `narration` overrides the sentences whose story differs under that kernel.
 */
export interface ScenarioVariant {
  /** `kernel X.Y` version, e.g. '5.7'. */
  readonly profile: string;
  readonly label: string;
  readonly narration: readonly NarrationStep[];
}

export interface Scenario {
  /** URL id (`?scenario=<id>`); the script is src/scenarios/<file>. */
  readonly id: string;
  readonly file: string;
  readonly title: string;
  /** One or two sentences for the picker. */
  readonly summary: string;
  /** Search keywords (syscalls, flags, projects). */
  readonly tags: readonly string[];
  readonly source: string;
  readonly narration: readonly NarrationStep[];
  /** The profile the script is recorded with (its `kernel` line, or the newest). */
  readonly profile: string;
  readonly variants: readonly ScenarioVariant[];
}

/** Shorthand for a narration entry. */
export function step(
  line: number,
  at: string,
  text: string,
  refs: readonly SourceRef[] = [],
): NarrationStep {
  return { line, at, text, refs };
}
