/**
 * The language's front door: text in, a Program or every script error out. The explorer's
 * console, the CLI and the tests all come through here.
 */
import type { ScriptError } from './errors';
import { lower } from './lower';
import { parse } from './parser';
import type { Program } from './program';
import { Source } from './source';

export type CompileResult =
  | { readonly ok: true; readonly program: Program }
  | { readonly ok: false; readonly errors: ScriptError[] };

export function compile(text: string, name = '<script>'): CompileResult {
  const source = new Source(text, name);
  const parsed = parse(source);
  // Lowering a script with syntax errors would mostly report their consequences (a name
  // "not bound" because its binding line did not parse), so syntax errors come alone.
  if (parsed.errors.length > 0) return { ok: false, errors: sortErrors([...parsed.errors]) };
  const lowered = lower(parsed.script, source);
  if (lowered.errors.length > 0) return { ok: false, errors: sortErrors([...lowered.errors]) };
  return { ok: true, program: lowered.program };
}

function sortErrors(errors: ScriptError[]): ScriptError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}
