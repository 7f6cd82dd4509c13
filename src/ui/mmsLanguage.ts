/**
 * `.mms` syntax highlighting for CodeMirror 6: a StreamLanguage (a line tokenizer) is enough,
 * since the language is one statement per line with no nesting beyond parentheses. Errors are
 * the compiler's business (they come in as diagnostics), so unknown input is just `invalid`.
 */
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';

const CALLS = new Set([
  'mmap',
  'munmap',
  'mprotect',
  'madvise',
  'mremap',
  'mlock',
  'mlock2',
  'munlock',
  'memfd_create',
  'userfaultfd',
  'ftruncate',
  'fallocate',
  'close',
  'ioctl',
  'read',
]);
const ACCESSES = new Set(['load', 'store', 'wait']);
const OBSERVATIONS = new Set(['maps', 'pagemap', 'pgtables']);

export const mmsLanguage = StreamLanguage.define<{ afterKernel: boolean }>({
  name: 'mms',
  startState: () => ({ afterKernel: false }),
  token(stream, state) {
    if (stream.sol()) state.afterKernel = false;
    if (stream.eatSpace()) return null;
    if (stream.peek() === '#') {
      stream.skipToEnd();
      return 'comment';
    }
    if (state.afterKernel && stream.match(/^\d+\.\d+/)) return 'number';
    if (stream.match(/^"[^"\n]*"?/)) return 'string';
    if (stream.match(/^'[^'\n]?'?/)) return 'character';
    if (stream.match(/^0[xX][0-9a-fA-F]+/) || stream.match(/^\d+[KMGT]?/)) return 'number';
    if (stream.match(/^@[A-Za-z_][A-Za-z0-9_]*/)) return 'labelName';
    const m = stream.match(/^[A-Za-z_][A-Za-z0-9_]*/);
    if (m !== null && m !== true && typeof m === 'object') {
      const w = m[0];
      if (w === 'kernel' && stream.string.slice(0, stream.start).trim() === '') {
        state.afterKernel = true;
        return 'keyword';
      }
      if (CALLS.has(w)) return 'variableName.function';
      if (ACCESSES.has(w)) return 'keyword';
      if (OBSERVATIONS.has(w)) return 'variableName.function.standard';
      if (w === 'top' || w === 'NULL') return 'atom';
      if (/^[A-Z][A-Z0-9_]*$/.test(w)) return 'variableName.constant';
      return 'variableName';
    }
    if (stream.match(/^[=+\-*|]/)) return 'operator';
    if (stream.match(/^[(),]/)) return 'punctuation';
    stream.next();
    return 'invalid';
  },
  languageData: { commentTokens: { line: '#' } },
});

/** Colours come from CSS variables so the light and dark themes restyle the editor too. */
export const mmsHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: t.comment, color: 'var(--syn-comment)', fontStyle: 'italic' },
    { tag: t.keyword, color: 'var(--syn-keyword)' },
    { tag: t.function(t.variableName), color: 'var(--syn-call)' },
    { tag: t.standard(t.function(t.variableName)), color: 'var(--syn-observe)' },
    { tag: t.constant(t.variableName), color: 'var(--syn-constant)' },
    { tag: t.atom, color: 'var(--syn-constant)' },
    { tag: t.number, color: 'var(--syn-number)' },
    { tag: [t.string, t.character], color: 'var(--syn-string)' },
    { tag: t.labelName, color: 'var(--syn-thread)' },
    { tag: t.variableName, color: 'var(--syn-name)' },
    { tag: [t.operator, t.punctuation], color: 'var(--syn-punct)' },
    { tag: t.invalid, color: 'var(--error)', textDecoration: 'underline wavy' },
  ]),
);
