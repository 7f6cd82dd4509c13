/**
 * The language's front door: text in, a Program or every script error out. The explorer's
 * console, the CLI and the tests all come through here.
 */
import type { ScriptError } from './errors';
import { Lowerer } from './lower';
import { parseEach } from './parser';
import type { Program } from './program';
import { Source } from './source';

export type CompileResult =
  | { readonly ok: true; readonly program: Program }
  | { readonly ok: false; readonly errors: ScriptError[] };

export function compile(text: string, name = '<script>'): CompileResult {
  const source = new Source(text, name);
  // Each statement is lowered as soon as it parses, so its syntax tree dies young (cheap for
  // the GC) instead of the whole script's tree living until lowering.
  const lowerer = new Lowerer(source);
  const syntaxErrors = parseEach(source, (s) => lowerer.statement(s));
  // Lowering a script with syntax errors would mostly report their consequences (a name
  // "not bound" because its binding line did not parse), so syntax errors come alone.
  if (syntaxErrors.length > 0) return { ok: false, errors: sortErrors([...syntaxErrors]) };
  const lowered = lowerer.finish();
  if (lowered.errors.length > 0) return { ok: false, errors: sortErrors([...lowered.errors]) };
  return { ok: true, program: lowered.program };
}

function sortErrors(errors: ScriptError[]): ScriptError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}
