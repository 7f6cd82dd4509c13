/**
 * Script errors: what `compile` reports and what `mmscope check` prints. Every error points
 * at a 1-based line and column so an editor (or the explorer's console) can jump to it.
 */
export declare class ScriptError extends Error {
  readonly name: string;
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number);
}
/** `file:line:col: message`, the shape compilers use, so terminals and editors link it. */
export declare function formatError(fileName: string, e: ScriptError): string;
