/**
 * Script errors: what `compile` reports and what `mmscope check` prints. Every error points
 * at a 1-based line and column so an editor (or the explorer's console) can jump to it.
 */

export class ScriptError extends Error {
  override readonly name: string = 'ScriptError';
  readonly line: number;
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

/** `file:line:col: message`, the shape compilers use, so terminals and editors link it. */
export function formatError(fileName: string, e: ScriptError): string {
  return `${fileName}:${e.line}:${e.column}: ${e.message}`;
}
