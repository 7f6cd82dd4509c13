import { describe, expect, test } from 'vitest';
import { ScriptError } from './errors';
import { tokenize, type Token } from './lexer';
import { Source } from './source';

function kinds(text: string): string[] {
  return tokenize(new Source(text)).map((t) => t.kind);
}

function lexError(text: string): ScriptError {
  try {
    tokenize(new Source(text));
  } catch (e) {
    if (e instanceof ScriptError) return e;
    throw e;
  }
  throw new Error(`no error lexing ${JSON.stringify(text)}`);
}

function ints(text: string): bigint[] {
  return tokenize(new Source(text))
    .filter((t) => t.kind === 'int')
    .map((t) => t.int);
}

describe('lexer', () => {
  test('punctuation, names, newlines and end of file', () => {
    expect(kinds('x = f(a, @b + - * |)\n')).toEqual([
      'name',
      '=',
      'name',
      '(',
      'name',
      ',',
      '@',
      'name',
      '+',
      '-',
      '*',
      '|',
      ')',
      'eol',
      'eof',
    ]);
  });

  test('comments run to the end of the line but keep the newline', () => {
    expect(kinds('# only a comment\nmaps() # trailing ( unbalanced\n')).toEqual([
      'eol',
      'name',
      '(',
      ')',
      'eol',
      'eof',
    ]);
  });

  test('integers: decimal, hex, size suffixes', () => {
    expect(ints('0 4096 0x1000 0xFFff 4K 2M 1G 1T 0xffffffffffffffff')).toEqual([
      0n,
      4096n,
      0x1000n,
      0xffffn,
      4096n,
      2n ** 21n,
      2n ** 30n,
      2n ** 40n,
      2n ** 64n - 1n,
    ]);
  });

  test('tokens carry 1-based line and column', () => {
    const toks = tokenize(new Source('a\n  bb = 0x10\n'));
    const bb = toks.find((t) => t.value === 'bb')!;
    const hex = toks.find((t) => t.kind === 'int')!;
    expect([bb.line, bb.column]).toEqual([2, 3]);
    expect([hex.line, hex.column, hex.value]).toEqual([2, 8, '0x10']);
  });

  test('strings and tags', () => {
    const toks = tokenize(new Source(`"heap #1" 'A' '~' '''`));
    expect(toks.slice(0, 4).map((t: Token) => [t.kind, t.value])).toEqual([
      ['string', 'heap #1'],
      ['tag', 'A'],
      ['tag', '~'],
      ['tag', "'"],
    ]);
  });

  test('versions lex as one token', () => {
    const toks = tokenize(new Source('kernel 6.18'));
    expect(toks[1]).toMatchObject({ kind: 'version', value: '6.18' });
  });

  test.each([
    ['x = $', 1, 5, "unexpected character '$'"],
    ['\n  "abc', 2, 3, 'unterminated string'],
    ['f(4Kb)', 1, 5, "unexpected character 'b' in number"],
    ['f(4k)', 1, 4, 'size suffixes are upper-case'],
    ['f(0x10K)', 1, 7, 'size suffixes (K, M, G, T) apply only to decimal integers'],
    ['f(0x)', 1, 5, 'expected hex digits after 0x'],
    ['f(0x1ffffffffffffffff)', 1, 3, 'does not fit in 64 bits'],
    ['f(16777216T)', 1, 3, 'does not fit in 64 bits'],
    ["f(' ')", 1, 3, 'a tag is one printable ASCII character'],
    ["f('ab')", 1, 5, "expected ' to close the tag"],
    ['f(0755)', 1, 3, 'leading zeros are not allowed'],
    ['kernel 6.', 1, 10, 'expected digits after "."'],
    ['x = "caf\u00e9"', 1, 9, 'printable ASCII only'],
  ])('error in %j at %i:%i', (text, line, column, message) => {
    const e = lexError(text);
    expect(e.message).toContain(message);
    expect([e.line, e.column]).toEqual([line, column]);
  });

  test('a byte-order mark and CRLF line ends are not part of any token', () => {
    expect(kinds('\ufeffmaps()\r\n')).toEqual(['name', '(', ')', 'eol', 'eof']);
  });
});
