/** tests/conformance, absolute. */
export declare const SUITE_DIR: string;
/** The repository root. */
export declare const REPO_ROOT: string;
export interface Script {
  /** Absolute path of the `.mms` file. */
  readonly path: string;
  /** Path relative to tests/conformance, with `/` separators, e.g. `mmap/fixed.mms`. */
  readonly name: string;
  /** Absolute path of the recording next to it (`<name>.expected`). */
  readonly expectedPath: string;
}
/** Every `.mms` file under `dir` (default: the whole suite), sorted by name. */
export declare function findScripts(dir?: string): Script[];
/**
 * Resolve command-line arguments to scripts: `.mms` files, or directories (all scripts
 * below them). A `.expected` path stands for its script.
 */
export declare function scriptsFromArgs(args: readonly string[]): Script[];
export declare function readScript(s: Script): string;
/** The checked-in recording, or null when there is none. */
export declare function readExpected(s: Script): string | null;
/**
 * A line diff of two transcripts (LCS), printed like `diff -u` with a few lines of context:
 * `-` lines are only in `a`, `+` lines only in `b`. Returns '' when they are equal.
 * Whitespace at line ends is made visible, since a transcript must match byte for byte.
 */
export declare function lineDiff(a: string, b: string, labelA: string, labelB: string): string;
/** Map over `items` with at most `limit` calls of `fn` in flight; results keep their order. */
export declare function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]>;
/**
 * Bounded-parallel lazy runner: `get(key)` starts `fn(key)` when a slot is free and
 * returns the same promise to every caller. Used so that vitest tests can each await
 * their own oracle run while at most `limit` runs are in flight.
 */
export declare function limiter(limit: number): <R>(fn: () => Promise<R>) => Promise<R>;
/** The oracle's parallelism: the suite runs on 2 cores. */
export declare const ORACLE_JOBS = 2;
