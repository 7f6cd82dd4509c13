/**
 * A small line-based unified diff (Myers' O(ND) algorithm), so `mmscope diff` needs no
 * dependency. Output follows `diff -u`: `---`/`+++` headers, `@@ -a,b +c,d @@` hunks with three
 * lines of context, and `\ No newline at end of file` where it applies.
 */
type EditOp = ' ' | '-' | '+';
interface Edit {
  readonly op: EditOp;
  readonly text: string;
}
/** The shortest edit script turning `a` into `b`. */
export declare function diffLines(a: readonly string[], b: readonly string[]): Edit[];
/**
 * `diff -u a b` of two texts, labelled; '' when they are equal.
 * @param context lines of context around each change (diff's default is 3)
 */
export declare function unifiedDiff(
  a: string,
  b: string,
  labelA: string,
  labelB: string,
  context?: number,
): string;
export {};
