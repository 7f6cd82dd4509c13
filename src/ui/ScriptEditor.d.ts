/**
 * The script editor: CodeMirror 6 with `.mms` highlighting and the compiler's errors as
 * diagnostics at their line and column. CodeMirror owns the text while the user types; the
 * store gets it (debounced) through `setSource`, and text that comes from elsewhere (the
 * console, a loaded link) replaces the document.
 */
import { type Ref } from 'react';
import { type Diagnostic } from '@codemirror/lint';
import { type Text } from '@codemirror/state';
import type { ScriptErrorInfo } from '../store/scriptError';
export interface ScriptEditorHandle {
    /** Push pending edits to the store now (before Run). */
    flush(): void;
    focus(): void;
}
/** A diagnostic for an error: it spans the word at its column, or marks the line's end. */
export declare function toDiagnostic(doc: Text, e: ScriptErrorInfo): Diagnostic;
export declare function ScriptEditor(props: {
    onRun: () => void;
    ref?: Ref<ScriptEditorHandle>;
}): import("react").JSX.Element;
