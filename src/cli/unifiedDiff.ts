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

/** Beyond this many differences, give up on a minimal diff: replace the differing middle. */
const MAX_EDIT_DISTANCE = 4000;

/** Marks a last line that has no newline, so it differs from the same text with one. */
const NO_NEWLINE = '\u0000';

/** Split into lines; a trailing newline ends the last line rather than starting an empty one. */
function splitLines(s: string): string[] {
  if (s === '') return [];
  if (s.endsWith('\n')) return s.slice(0, -1).split('\n');
  const lines = s.split('\n');
  lines[lines.length - 1] += NO_NEWLINE;
  return lines;
}

/** The shortest edit script turning `a` into `b`. */
export function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (
    suf < a.length - pre &&
    suf < b.length - pre &&
    a[a.length - 1 - suf] === b[b.length - 1 - suf]
  ) {
    suf++;
  }
  const x = a.slice(pre, a.length - suf);
  const y = b.slice(pre, b.length - suf);
  const middle = myers(x, y) ?? [
    ...x.map((text): Edit => ({ op: '-', text })),
    ...y.map((text): Edit => ({ op: '+', text })),
  ];
  return [
    ...a.slice(0, pre).map((text): Edit => ({ op: ' ', text })),
    ...middle,
    ...a.slice(a.length - suf).map((text): Edit => ({ op: ' ', text })),
  ];
}

/** Myers' greedy algorithm with a trace for the backtrack; null when the distance is huge. */
function myers(a: readonly string[], b: readonly string[]): Edit[] | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v);
    v = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let xk =
        k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!)
          ? v[k + 1 + offset]!
          : v[k - 1 + offset]! + 1;
      let yk = xk - k;
      while (xk < n && yk < m && a[xk] === b[yk]) {
        xk++;
        yk++;
      }
      v[k + offset] = xk;
      if (xk >= n && yk >= m) return backtrack(a, b, trace, d, k, offset);
    }
  }
  return null;
}

function backtrack(
  a: readonly string[],
  b: readonly string[],
  trace: readonly Int32Array[],
  dEnd: number,
  kEnd: number,
  offset: number,
): Edit[] {
  const edits: Edit[] = [];
  let xk = a.length;
  let yk = b.length;
  let k = kEnd;
  for (let d = dEnd; d > 0; d--) {
    // trace[d] is V as it was before round d, i.e. the result of round d - 1.
    const v = trace[d]!;
    const down = k === -d || (k !== d && v[k - 1 + offset]! < v[k + 1 + offset]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[prevK + offset]!;
    const prevY = prevX - prevK;
    while (xk > prevX && yk > prevY) {
      edits.push({ op: ' ', text: a[--xk]! });
      yk--;
    }
    if (down) edits.push({ op: '+', text: b[--yk]! });
    else edits.push({ op: '-', text: a[--xk]! });
    k = prevK;
  }
  while (xk > 0) {
    edits.push({ op: ' ', text: a[--xk]! });
    yk--;
  }
  return edits.reverse();
}

function range(start: number, length: number): string {
  // diff -u: an empty range names the line before it; a one-line range omits its length.
  if (length === 0) return `${start - 1},0`;
  return length === 1 ? `${start}` : `${start},${length}`;
}

/**
 * `diff -u a b` of two texts, labelled; '' when they are equal.
 * @param context lines of context around each change (diff's default is 3)
 */
export function unifiedDiff(
  a: string,
  b: string,
  labelA: string,
  labelB: string,
  context = 3,
): string {
  if (a === b) return '';
  const edits = diffLines(splitLines(a), splitLines(b));
  const out: string[] = [`--- ${labelA}`, `+++ ${labelB}`];
  // Line numbers in a and b before each edit.
  const posA: number[] = [];
  const posB: number[] = [];
  let ia = 0;
  let ib = 0;
  for (const e of edits) {
    posA.push(ia);
    posB.push(ib);
    if (e.op !== '+') ia++;
    if (e.op !== '-') ib++;
  }
  let i = 0;
  while (i < edits.length) {
    if (edits[i]!.op === ' ') {
      i++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last
    // change that is at most 2 * context unchanged lines further on.
    const start = Math.max(0, i - context);
    let end = i;
    let j = i;
    while (j < edits.length) {
      if (edits[j]!.op !== ' ') {
        end = j;
        j++;
        continue;
      }
      let run = 0;
      while (j + run < edits.length && edits[j + run]!.op === ' ') run++;
      if (j + run >= edits.length || run > 2 * context) break;
      j += run;
    }
    const stop = Math.min(edits.length, end + 1 + context);
    const hunk = edits.slice(start, stop);
    const lenA = hunk.filter((e) => e.op !== '+').length;
    const lenB = hunk.filter((e) => e.op !== '-').length;
    out.push(`@@ -${range(posA[start]! + 1, lenA)} +${range(posB[start]! + 1, lenB)} @@`);
    for (let h = start; h < stop; h++) {
      const e = edits[h]!;
      if (e.text.endsWith(NO_NEWLINE)) {
        out.push(`${e.op}${e.text.slice(0, -1)}`, '\\ No newline at end of file');
      } else {
        out.push(`${e.op}${e.text}`);
      }
    }
    i = stop;
  }
  return out.join('\n') + '\n';
}
