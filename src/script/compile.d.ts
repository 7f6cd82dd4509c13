/**
 * The language's front door: text in, a Program or every script error out. The explorer's
 * console, the CLI and the tests all come through here.
 */
import type { ScriptError } from './errors';
import type { Program } from './program';
export type CompileResult =
  | {
      readonly ok: true;
      readonly program: Program;
    }
  | {
      readonly ok: false;
      readonly errors: ScriptError[];
    };
export declare function compile(text: string, name?: string): CompileResult;
