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
/** A character as it should appear in an error message. */
export declare function describeChar(ch: string): string;
export declare class Lexer {
  readonly source: Source;
  private pos;
  private line;
  private lineStart;
  constructor(source: Source);
  /**
   * Error recovery: drop the rest of the current line (up to, not including, its newline), so
   * the next token is that line's `eol`.
   */
  skipLine(): void;
  /** The next token; throws ScriptError on a malformed one. */
  next(): Token;
  private make;
  private error;
  /**
   * Int: `0x` HexDigit+ | Digit+ Suffix? ; Version: Digit+ `.` Digit+ (only `kernel` uses it).
   * A number must not run into a name (`4Kb`, `12abc`), which would otherwise lex as two tokens.
   */
  private readNumber;
  private checkEndOfNumber;
  /** String: `"` (printable ASCII except `"`)* `"` ; no escapes, no newlines. */
  private readString;
  /** Tag: `'` one byte 0x21..0x7e `'`. */
  private readTag;
}
/** All tokens of a source up to and including `eof` (for tests and tools); throws on errors. */
export declare function tokenize(source: Source): Token[];
