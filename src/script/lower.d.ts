import type { ScriptNode } from './ast';
import { ScriptError } from './errors';
import { type Program } from './program';
import type { Source } from './source';
/** An ioctl request number's name and fields (format.ts uses it to pick the out fields). */
export declare function ioctlRequest(value: bigint): {
  name: string;
  fields: readonly string[];
} | null;
/** Names that start with an upper-case letter are constants (mms.md section 1). */
export declare function isConstantName(name: string): boolean;
export interface LowerResult {
  readonly program: Program;
  readonly errors: readonly ScriptError[];
}
export declare function lower(script: ScriptNode, source: Source): LowerResult;
