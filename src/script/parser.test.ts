import { describe, expect, test } from 'vitest';
import type { ExprNode, InvocationNode } from './ast';
import { parse } from './parser';
import { Source } from './source';

function parseOk(text: string) {
  const r = parse(new Source(text));
  expect(r.errors.map((e) => `${e.line}:${e.column}: ${e.message}`)).toEqual([]);
  return r.script;
}

function errors(text: string): string[] {
  return parse(new Source(text)).errors.map((e) => `${e.line}:${e.column}: ${e.message}`);
}

/** An expression as a fully parenthesized string, to see the tree's shape. */
function show(e: ExprNode): string {
  switch (e.kind) {
    case 'Int':
      return e.value.toString();
    case 'Name':
      return e.value;
    case 'Paren':
      return show(e.expr);
    case 'Unary':
      return `(-${show(e.operand)})`;
    case 'Binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
  }
}

function firstArg(text: string): string {
  const s = parseOk(`f(${text})`).statements[0] as InvocationNode;
  return show(s.args[0] as ExprNode);
}

describe('parser', () => {
  test('statements: kernel, binding, call, thread access', () => {
    const script = parseOk(
      'kernel 6.18\n\n# comment\nheap = mmap(NULL, 4K)\n@t1 load(heap, 4K)\nmaps()',
    );
    expect(script.statements.map((s) => s.kind)).toEqual([
      'Kernel',
      'Invocation',
      'Invocation',
      'Invocation',
    ]);
    const bind = script.statements[1] as InvocationNode;
    expect(bind.binding?.value).toBe('heap');
    expect(bind.callee.value).toBe('mmap');
    expect(bind.loc).toMatchObject({ line: 4, column: 1 });
    const access = script.statements[2] as InvocationNode;
    expect(access.thread?.value).toBe('t1');
    expect(access.args).toHaveLength(2);
    expect((script.statements[3] as InvocationNode).args).toEqual([]);
  });

  test('precedence: * over + - over |', () => {
    expect(firstArg('1 | 2 + 3 * 4')).toBe('(1 | (2 + (3 * 4)))');
    expect(firstArg('1 * 2 + 3 | 4')).toBe('(((1 * 2) + 3) | 4)');
    expect(firstArg('a - 1 - 2')).toBe('((a - 1) - 2)');
    expect(firstArg('(1 | 2) * 3')).toBe('((1 | 2) * 3)');
    expect(firstArg('--a + -4K')).toBe('((-(-a)) + (-4096))');
  });

  test('strings and tags are whole arguments', () => {
    const s = parseOk(`memfd_create("heap", 0)\nstore(a, 4K, 'A')`).statements;
    expect((s[0] as InvocationNode).args[0]).toMatchObject({ kind: 'String', value: 'heap' });
    expect((s[1] as InvocationNode).args[2]).toMatchObject({ kind: 'Tag', value: 0x41 });
  });

  test('kernel is an ordinary name when bound or called', () => {
    const s = parseOk('kernel = mmap(0, 4K)').statements[0] as InvocationNode;
    expect(s.binding?.value).toBe('kernel');
  });

  test('every broken line is reported, at the offending token', () => {
    expect(
      errors(
        [
          'mmap(1, 2', // 1
          'mmap(1 2)', // 2
          'maps() maps()', // 3
          'x = = mmap()', // 4
          'mmap(1,)', // 5
          'kernel six', // 6
          '@ load(a, 1)', // 7
          'mmap(1 + "s")', // 8
          'f(kernel 6.1)', // 9
          'x + 1', // 10
          '@t1 ($)', // 11
          'maps()', // 12: fine
        ].join('\n'),
      ),
    ).toEqual([
      '1:10: expected "," or ")" after an argument but found end of line',
      '2:8: expected "," or ")" after an argument but found number 2',
      '3:8: expected end of line after the statement but found name "maps" (one statement per line)',
      '4:5: expected a call after "=" but found "="',
      '5:8: expected an expression but found ")"',
      '6:8: expected a kernel version X.Y (e.g. kernel 6.18) but found name "six"',
      '7:7: expected an access after @load (e.g. @t1 load(addr, 4K)) but found "("',
      '8:10: unexpected string "s": a string must be a whole argument',
      '9:10: expected "," or ")" after an argument but found version 6.1',
      '10:3: expected "(" after x but found "+"',
      '11:5: expected an access after @t1 (e.g. @t1 load(addr, 4K)) but found "("',
    ]);
  });

  test('a lexer error does not hide the following lines', () => {
    expect(errors('$\n$ $\nmaps(\n')).toEqual([
      "1:1: unexpected character '$'",
      "2:1: unexpected character '$'",
      '3:6: expected ")" but found end of line',
    ]);
  });

  test('the last line needs no newline', () => {
    expect(parseOk('maps()').statements).toHaveLength(1);
    expect(parseOk('').statements).toHaveLength(0);
  });
});
