/**
 * Recursive-descent parser for `.mms` (mms.md sections 1-2), in the style of graphql-js: one
 * function per production, each quoting its production. The grammar:
 *
 *   Script         : Line*
 *   Line           : Statement? EOL          (comments are skipped by the lexer)
 *   Statement      : KernelDecl | Invocation
 *   KernelDecl     : "kernel" Version
 *   Invocation     : ThreadPrefix? Binding? Name "(" Arguments? ")"
 *   ThreadPrefix   : "@" Name
 *   Binding        : Name "="
 *   Arguments      : Argument ("," Argument)*
 *   Argument       : String | Tag | Expression
 *   Expression     : Additive ("|" Additive)*
 *   Additive       : Multiplicative (("+" | "-") Multiplicative)*
 *   Multiplicative : Unary ("*" Unary)*
 *   Unary          : "-" Unary | Primary
 *   Primary        : Int | Name | "(" Expression ")"
 *
 * Statements are lines, so the parser recovers from an error by skipping to the next line:
 * `check` then reports every broken line at once, not only the first.
 */
import type {
  ArgumentNode,
  ExprNode,
  InvocationNode,
  KernelNode,
  Loc,
  NameNode,
  ScriptNode,
  StatementNode,
} from './ast';
import { ScriptError } from './errors';
import { Lexer, type Token, type TokenKind } from './lexer';
import type { Source } from './source';

export interface ParseResult {
  readonly script: ScriptNode;
  readonly errors: readonly ScriptError[];
}

export function parse(source: Source): ParseResult {
  return new Parser(source).parseScript();
}

/**
 * Parse, handing each statement to `sink` as soon as it is parsed (compile() lowers it at once,
 * so no syntax tree of the whole script is kept). Returns the syntax errors.
 */
export function parseEach(
  source: Source,
  sink: (s: StatementNode) => void,
): readonly ScriptError[] {
  return new Parser(source, sink).parseScript().errors;
}

/** A token as an error message names it. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case 'eol':
      return 'end of line';
    case 'eof':
      return 'end of file';
    case 'name':
      return `name "${t.value}"`;
    case 'int':
      return `number ${t.value}`;
    case 'version':
      return `version ${t.value}`;
    case 'string':
      return `string "${t.value}"`;
    case 'tag':
      return `tag '${t.value}'`;
    default:
      return `"${t.value}"`;
  }
}

/** A token is a Loc already (line, column, start, end; tokens are never mutated): no copy. */
function locOf(t: Token): Loc {
  return t;
}

function span(from: Loc, to: Loc): Loc {
  return { line: from.line, column: from.column, start: from.start, end: to.end };
}

class Parser {
  private readonly lexer: Lexer;
  private tok: Token;
  /** The last `advance` failed in the lexer: `tok` is stale and the line must be skipped. */
  private lexFailed = false;
  private readonly errors: ScriptError[] = [];

  constructor(
    source: Source,
    private readonly sink: ((s: StatementNode) => void) | null = null,
  ) {
    this.lexer = new Lexer(source);
    // A placeholder so `tok` is always defined; the first real token is read in parseScript.
    this.tok = { kind: 'eol', start: 0, end: 0, line: 1, column: 1, value: '', int: 0n };
  }

  private advance(): void {
    try {
      this.tok = this.lexer.next();
    } catch (e) {
      this.lexFailed = true;
      throw e;
    }
  }

  private fail(message: string, t: Token = this.tok): ScriptError {
    return new ScriptError(message, t.line, t.column);
  }

  private expect(kind: TokenKind, what: string): Token {
    const t = this.tok;
    if (t.kind !== kind) throw this.fail(`expected ${what} but found ${describeToken(t)}`);
    this.advance();
    return t;
  }

  /** After an error: drop the rest of the line so the next statement parses on its own. */
  private recover(): void {
    if (this.lexFailed || (this.tok.kind !== 'eol' && this.tok.kind !== 'eof')) {
      this.lexer.skipLine();
      this.lexFailed = false;
      this.tok = this.lexer.next(); // the newline or end of file: cannot fail
    }
  }

  /**
   * Script : Line*
   * Line : Statement? EOL
   */
  parseScript(): ParseResult {
    const statements: StatementNode[] = [];
    // `tok` starts as a placeholder end-of-line, so the loop's first step reads a token.
    let pastEol = true;
    for (;;) {
      try {
        if (pastEol) {
          pastEol = false;
          this.advance();
        }
        if (this.tok.kind === 'eof') break;
        if (this.tok.kind === 'eol') {
          pastEol = true;
          continue;
        }
        const statement = this.parseStatement();
        if (!this.atLineEnd()) {
          throw this.fail(
            `expected end of line after the statement but found ${describeToken(this.tok)} (one statement per line)`,
          );
        }
        if (this.sink !== null) this.sink(statement);
        else statements.push(statement);
        pastEol = !this.atEof();
      } catch (e) {
        if (!(e instanceof ScriptError)) throw e;
        this.errors.push(e);
        this.recover();
        pastEol = this.tok.kind === 'eol';
      }
    }
    return { script: { kind: 'Script', statements }, errors: this.errors };
  }

  /** Statement : KernelDecl | Invocation */
  private parseStatement(): StatementNode {
    const first = this.tok;
    if (first.kind === 'name' && first.value === 'kernel') {
      this.advance();
      if (this.tok.kind !== '=' && this.tok.kind !== '(') return this.parseKernelDecl(first);
      return this.parseInvocation(this.nameNode(first));
    }
    return this.parseInvocation(null);
  }

  /** KernelDecl : "kernel" Version   (`kernel` already consumed) */
  private parseKernelDecl(kernel: Token): KernelNode {
    const v = this.tok;
    if (v.kind !== 'version') {
      throw this.fail(
        `expected a kernel version X.Y (e.g. kernel 6.18) but found ${describeToken(v)}`,
      );
    }
    this.advance();
    return {
      kind: 'Kernel',
      version: v.value,
      versionLoc: locOf(v),
      loc: span(locOf(kernel), locOf(v)),
    };
  }

  /**
   * Invocation : ThreadPrefix? Binding? Name "(" Arguments? ")"
   * ThreadPrefix : "@" Name
   * Binding : Name "="
   * `first` is a name the caller already consumed (only `kernel`, when it is not a KernelDecl).
   */
  private parseInvocation(first: NameNode | null): InvocationNode {
    const startTok = this.tok;
    let thread: NameNode | null = null;
    let lead = first;
    if (lead === null && this.tok.kind === '@') {
      this.advance();
      thread = this.parseName('a thread name after "@"');
    }
    if (lead === null) {
      lead = this.parseName(
        thread === null
          ? 'a statement (a call such as mmap(...), name = call(...), or kernel X.Y)'
          : `an access after @${thread.value} (e.g. @t1 load(addr, 4K))`,
      );
    }
    let binding: NameNode | null = null;
    let callee = lead;
    if (this.tok.kind === '=') {
      this.advance();
      binding = lead;
      callee = this.parseName('a call after "="');
    }
    this.expectOpen(callee);
    if (this.atLineEnd()) throw this.fail(`expected ")" but found ${describeToken(this.tok)}`);
    const args = this.tok.kind === ')' ? [] : this.parseArguments();
    const close = this.expect(')', '"," or ")" after an argument');
    const startLoc = first !== null ? first.loc : locOf(startTok);
    return { kind: 'Invocation', thread, binding, callee, args, loc: span(startLoc, locOf(close)) };
  }

  /** expect('(', `"(" after callee`), the message built only on failure (once per line). */
  private expectOpen(callee: NameNode): void {
    if (this.tok.kind !== '(') {
      throw this.fail(`expected "(" after ${callee.value} but found ${describeToken(this.tok)}`);
    }
    this.advance();
  }

  /** A method, not a property test, so TypeScript does not keep a narrowing across calls. */
  private atLineEnd(): boolean {
    return this.tok.kind === 'eol' || this.tok.kind === 'eof';
  }

  private atEof(): boolean {
    return this.tok.kind === 'eof';
  }

  private nameNode(t: Token): NameNode {
    return { kind: 'Name', value: t.value, loc: locOf(t) };
  }

  private parseName(what: string): NameNode {
    return this.nameNode(this.expect('name', what));
  }

  /** Arguments : Argument ("," Argument)* */
  private parseArguments(): ArgumentNode[] {
    const args = [this.parseArgument()];
    while (this.tok.kind === ',') {
      this.advance();
      args.push(this.parseArgument());
    }
    return args;
  }

  /** Argument : String | Tag | Expression */
  private parseArgument(): ArgumentNode {
    const t = this.tok;
    if (t.kind === 'string') {
      this.advance();
      return { kind: 'String', value: t.value, loc: locOf(t) };
    }
    if (t.kind === 'tag') {
      this.advance();
      return { kind: 'Tag', value: t.value.charCodeAt(0), loc: locOf(t) };
    }
    return this.parseExpression();
  }

  /** Expression : Additive ("|" Additive)* */
  private parseExpression(): ExprNode {
    let left = this.parseAdditive();
    while (this.tok.kind === '|') {
      this.advance();
      const right = this.parseAdditive();
      left = { kind: 'Binary', op: '|', left, right, loc: span(left.loc, right.loc) };
    }
    return left;
  }

  /** Additive : Multiplicative (("+" | "-") Multiplicative)* */
  private parseAdditive(): ExprNode {
    let left = this.parseMultiplicative();
    while (this.tok.kind === '+' || this.tok.kind === '-') {
      const op = this.tok.kind;
      this.advance();
      const right = this.parseMultiplicative();
      left = { kind: 'Binary', op, left, right, loc: span(left.loc, right.loc) };
    }
    return left;
  }

  /** Multiplicative : Unary ("*" Unary)* */
  private parseMultiplicative(): ExprNode {
    let left = this.parseUnary();
    while (this.tok.kind === '*') {
      this.advance();
      const right = this.parseUnary();
      left = { kind: 'Binary', op: '*', left, right, loc: span(left.loc, right.loc) };
    }
    return left;
  }

  /** Unary : "-" Unary | Primary */
  private parseUnary(): ExprNode {
    const t = this.tok;
    if (t.kind === '-') {
      this.advance();
      const operand = this.parseUnary();
      return { kind: 'Unary', op: '-', operand, loc: span(locOf(t), operand.loc) };
    }
    return this.parsePrimary();
  }

  /** Primary : Int | Name | "(" Expression ")" */
  private parsePrimary(): ExprNode {
    const t = this.tok;
    switch (t.kind) {
      case 'int':
        this.advance();
        return { kind: 'Int', value: t.int, loc: locOf(t) };
      case 'name':
        this.advance();
        return this.nameNode(t);
      case '(': {
        this.advance();
        const expr = this.parseExpression();
        const close = this.expect(')', '")" to close "("');
        return { kind: 'Paren', expr, loc: span(locOf(t), locOf(close)) };
      }
      case 'version':
        throw this.fail(`unexpected version ${t.value} (a version only follows "kernel")`);
      case 'string':
        throw this.fail(`unexpected ${describeToken(t)}: a string must be a whole argument`);
      case 'tag':
        throw this.fail(`unexpected ${describeToken(t)}: a tag must be a whole argument`);
      default:
        throw this.fail(`expected an expression but found ${describeToken(t)}`);
    }
  }
}
