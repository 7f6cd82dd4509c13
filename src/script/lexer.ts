/**
 * The lexer (mms.md section 1): turns a Source into tokens on demand, like graphql-js's Lexer.
 * Line structure is significant (one statement per line), so a newline is a token (`eol`);
 * blanks and `#` comments are skipped. Errors are thrown as ScriptError at the offending
 * character so the parser can report them and resume on the next line.
 */
import { ScriptError } from './errors';
import type { Source } from './source';

export type Punctuator = '=' | '(' | ')' | ',' | '@' | '+' | '-' | '*' | '|';

export type TokenKind = 'name' | 'int' | 'version' | 'string' | 'tag' | Punctuator | 'eol' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Offsets into the source body: [start, end). */
  readonly start: number;
  readonly end: number;
  /** 1-based position of `start`. */
  readonly line: number;
  readonly column: number;
  /**
   * name: the name; string: the contents without quotes; tag: the one character;
   * version: "X.Y" as written; int: the literal as written; punctuators: themselves.
   */
  readonly value: string;
  /** The value of an `int` token (u64); 0n for every other kind. */
  readonly int: bigint;
}

const U64_MAX = (1n << 64n) - 1n;
const SUFFIX_SHIFT: Record<string, bigint> = { K: 10n, M: 20n, G: 30n, T: 40n };

/** = ( ) , @ + - * | (a switch on the code: no string per character). */
function isPunctuator(c: number): boolean {
  switch (c) {
    case 0x3d:
    case 0x28:
    case 0x29:
    case 0x2c:
    case 0x40:
    case 0x2b:
    case 0x2d:
    case 0x2a:
    case 0x7c:
      return true;
    default:
      return false;
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
function isNameStart(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}
function isNameContinue(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

/** The value of the decimal digits body[start, end) (at most 15 of them: exact). */
function decimalValue(body: string, start: number, end: number): number {
  let v = 0;
  for (let i = start; i < end; i++) v = v * 10 + (body.charCodeAt(i) - 0x30);
  return v;
}

/** A character as it should appear in an error message. */
export function describeChar(ch: string): string {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x21 && c <= 0x7e) return `'${ch}'`;
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

export class Lexer {
  readonly source: Source;
  private pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(source: Source) {
    this.source = source;
    // A UTF-8 byte-order mark is not part of the first statement.
    if (source.body.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      this.lineStart = 1;
    }
  }

  /**
   * Error recovery: drop the rest of the current line (up to, not including, its newline), so
   * the next token is that line's `eol`.
   */
  skipLine(): void {
    const body = this.source.body;
    while (this.pos < body.length && body.charCodeAt(this.pos) !== 10) this.pos++;
  }

  /** The next token; throws ScriptError on a malformed one. */
  next(): Token {
    const body = this.source.body;
    // Blanks and comments.
    for (;;) {
      const c = body.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.pos++;
      } else if (c === 0x23) {
        this.skipLine();
      } else {
        break;
      }
    }
    const start = this.pos;
    if (start >= body.length) return this.make('eof', start, start, '');
    const c = body.charCodeAt(start);
    if (c === 10) {
      const tok = this.make('eol', start, start + 1, '\n');
      this.pos = start + 1;
      this.line++;
      this.lineStart = this.pos;
      return tok;
    }
    if (isPunctuator(c)) {
      const ch = body[start]!;
      this.pos = start + 1;
      return this.make(ch as Punctuator, start, start + 1, ch);
    }
    if (isNameStart(c)) {
      let end = start + 1;
      while (end < body.length && isNameContinue(body.charCodeAt(end))) end++;
      this.pos = end;
      return this.make('name', start, end, body.slice(start, end));
    }
    if (isDigit(c)) return this.readNumber(start);
    if (c === 0x22) return this.readString(start);
    if (c === 0x27) return this.readTag(start);
    throw this.error(
      start,
      `unexpected character ${describeChar(String.fromCodePoint(body.codePointAt(start)!))}`,
    );
  }

  private make(kind: TokenKind, start: number, end: number, value: string, int = 0n): Token {
    return {
      kind,
      start,
      end,
      line: this.line,
      column: start - this.lineStart + 1,
      value,
      int,
    };
  }

  private error(offset: number, message: string): ScriptError {
    return new ScriptError(message, this.line, offset - this.lineStart + 1);
  }

  /**
   * Int: `0x` HexDigit+ | Digit+ Suffix? ; Version: Digit+ `.` Digit+ (only `kernel` uses it).
   * A number must not run into a name (`4Kb`, `12abc`), which would otherwise lex as two tokens.
   */
  private readNumber(start: number): Token {
    const body = this.source.body;
    let end = start;
    const c1 = body.charCodeAt(start + 1);
    if (body.charCodeAt(start) === 0x30 && (c1 === 0x78 || c1 === 0x58)) {
      end = start + 2;
      while (end < body.length && isHexDigit(body.charCodeAt(end))) end++;
      if (end === start + 2) throw this.error(end, 'expected hex digits after 0x');
      const next = body[end];
      if (next !== undefined && next in SUFFIX_SHIFT) {
        throw this.error(end, 'size suffixes (K, M, G, T) apply only to decimal integers');
      }
      this.checkEndOfNumber(end);
      // BigInt() reads the 0x prefix itself: one slice serves as the value and the text.
      const text = body.slice(start, end);
      const value = BigInt(text);
      if (value > U64_MAX) throw this.error(start, 'integer literal does not fit in 64 bits');
      this.pos = end;
      return this.make('int', start, end, text, value);
    }
    while (end < body.length && isDigit(body.charCodeAt(end))) end++;
    if (body[end] === '.') {
      let minorEnd = end + 1;
      while (minorEnd < body.length && isDigit(body.charCodeAt(minorEnd))) minorEnd++;
      if (minorEnd === end + 1) throw this.error(end + 1, 'expected digits after "."');
      this.checkEndOfNumber(minorEnd);
      this.pos = minorEnd;
      return this.make('version', start, minorEnd, body.slice(start, minorEnd));
    }
    if (end - start > 1 && body.charCodeAt(start) === 0x30) {
      throw this.error(
        start,
        'leading zeros are not allowed (octal is not supported; hex is 0x...)',
      );
    }
    // Up to 15 digits are exact in a double: skip the string parse (most literals are short).
    let value =
      end - start <= 15 ? BigInt(decimalValue(body, start, end)) : BigInt(body.slice(start, end));
    const suffix = body[end];
    if (suffix !== undefined && suffix in SUFFIX_SHIFT) {
      value <<= SUFFIX_SHIFT[suffix]!;
      end++;
    } else if (suffix !== undefined && 'kmgt'.includes(suffix)) {
      throw this.error(end, `size suffixes are upper-case: K, M, G, T (not '${suffix}')`);
    }
    this.checkEndOfNumber(end);
    if (value > U64_MAX) throw this.error(start, 'integer literal does not fit in 64 bits');
    this.pos = end;
    return this.make('int', start, end, body.slice(start, end), value);
  }

  private checkEndOfNumber(end: number): void {
    const body = this.source.body;
    const c = body.charCodeAt(end);
    if (end < body.length && (isNameContinue(c) || c === 0x2e)) {
      throw this.error(end, `unexpected character ${describeChar(body[end]!)} in number`);
    }
  }

  /** String: `"` (printable ASCII except `"`)* `"` ; no escapes, no newlines. */
  private readString(start: number): Token {
    const body = this.source.body;
    let end = start + 1;
    for (;;) {
      if (end >= body.length || body.charCodeAt(end) === 10) {
        throw this.error(start, 'unterminated string');
      }
      const c = body.charCodeAt(end);
      if (c === 0x22) break;
      if (c < 0x20 || c > 0x7e) {
        throw this.error(
          end,
          `unexpected character ${describeChar(String.fromCodePoint(body.codePointAt(end)!))} in string (printable ASCII only)`,
        );
      }
      end++;
    }
    this.pos = end + 1;
    return this.make('string', start, end + 1, body.slice(start + 1, end));
  }

  /** Tag: `'` one byte 0x21..0x7e `'`. */
  private readTag(start: number): Token {
    const body = this.source.body;
    const c = body.charCodeAt(start + 1);
    if (!(c >= 0x21 && c <= 0x7e)) {
      throw this.error(
        start,
        "a tag is one printable ASCII character (0x21..0x7e) between single quotes, e.g. 'A'",
      );
    }
    if (body.charCodeAt(start + 2) !== 0x27) {
      throw this.error(start + 2, "expected ' to close the tag (a tag is one character)");
    }
    this.pos = start + 3;
    return this.make('tag', start, start + 3, body[start + 1]!);
  }
}

/** All tokens of a source up to and including `eof` (for tests and tools); throws on errors. */
export function tokenize(source: Source): Token[] {
  const lexer = new Lexer(source);
  const out: Token[] = [];
  for (;;) {
    const t = lexer.next();
    out.push(t);
    if (t.kind === 'eof') return out;
  }
}
