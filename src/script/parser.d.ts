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
import type { ScriptNode } from './ast';
import { ScriptError } from './errors';
import { type Token } from './lexer';
import type { Source } from './source';
export interface ParseResult {
  readonly script: ScriptNode;
  readonly errors: readonly ScriptError[];
}
export declare function parse(source: Source): ParseResult;
/** A token as an error message names it. */
export declare function describeToken(t: Token): string;
