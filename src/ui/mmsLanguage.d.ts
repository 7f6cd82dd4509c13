/**
 * `.mms` syntax highlighting for CodeMirror 6: a StreamLanguage (a line tokenizer) is enough,
 * since the language is one statement per line with no nesting beyond parentheses. Errors are
 * the compiler's business (they come in as diagnostics), so unknown input is just `invalid`.
 */
import { StreamLanguage } from '@codemirror/language';
export declare const mmsLanguage: StreamLanguage<{
    afterKernel: boolean;
}>;
/** Colours come from CSS variables so the light and dark themes restyle the editor too. */
export declare const mmsHighlight: import("@codemirror/state").Extension;
