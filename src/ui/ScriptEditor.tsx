/**
 * The script editor: CodeMirror 6 with `.mms` highlighting and the compiler's errors as
 * diagnostics at their line and column. CodeMirror owns the text while the user types; the
 * store gets it (debounced) through `setSource`, and text that comes from elsewhere (the
 * console, a loaded link) replaces the document.
 */
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentUnit } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import {
  Annotation,
  EditorState,
  StateEffect,
  StateField,
  type Extension,
  type Text,
} from '@codemirror/state';
import { Decoration, drawSelection, EditorView, keymap, lineNumbers } from '@codemirror/view';
import type { ScriptErrorInfo } from '../store/scriptError';
import type { ExplorerStoreState } from '../store/store';
import { selectCurrentStep, selectDirty, selectErrors, selectSource } from '../store/selectors';
import { mmsHighlight, mmsLanguage } from './mmsLanguage';
import { useExplorerStore } from './storeContext';

/** Marks a transaction that brings the store's text into the editor. */
const External = Annotation.define<boolean>();

/** The source line of the step shown, marked like a debugger's execution line. */
const setStepLine = StateEffect.define<number | null>();
const stepLineMark = Decoration.line({ class: 'cm-step-line' });
const stepLineField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setStepLine)) continue;
      const n = e.value;
      deco =
        n === null || n < 1 || n > tr.state.doc.lines
          ? Decoration.none
          : Decoration.set([stepLineMark.range(tr.state.doc.line(n).from)]);
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});
const stepLine: Extension = stepLineField;

/** The line to mark: none when the text was edited since the run (lines may have moved). */
function stepLineOf(s: ExplorerStoreState): number | null {
  if (selectDirty(s)) return null;
  return selectCurrentStep(s)?.op.line ?? null;
}

/** How long typing may pause before the store (and the error list) sees the text. */
const SYNC_DELAY_MS = 150;

export interface ScriptEditorHandle {
  /** Push pending edits to the store now (before Run). */
  flush(): void;
  focus(): void;
}

/** A diagnostic for an error: it spans the word at its column, or marks the line's end. */
export function toDiagnostic(doc: Text, e: ScriptErrorInfo): Diagnostic {
  const lineNo = Math.max(1, Math.min(e.line, doc.lines));
  const line = doc.line(lineNo);
  const from = Math.min(line.from + Math.max(0, e.column - 1), line.to);
  let to = from;
  const rest = doc.sliceString(from, line.to);
  const word = /^[A-Za-z0-9_]+|^"[^"]*"?|^'[^']*'?/.exec(rest);
  if (word !== null) to = from + word[0].length;
  else if (from < line.to) to = from + 1;
  return { from, to, severity: 'error', message: e.message, source: `${e.line}:${e.column}` };
}

export function ScriptEditor(props: { onRun: () => void; ref?: Ref<ScriptEditorHandle> }) {
  const store = useExplorerStore();
  const host = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onRun = useRef(props.onRun);
  useEffect(() => {
    onRun.current = props.onRun;
  }, [props.onRun]);

  useImperativeHandle(
    props.ref,
    () => ({
      flush() {
        const view = viewRef.current;
        if (pending.current !== null) clearTimeout(pending.current);
        pending.current = null;
        if (view) store.getState().actions.setSource(view.state.doc.toString());
      },
      focus() {
        viewRef.current?.focus();
      },
    }),
    [store],
  );

  useEffect(() => {
    const parent = host.current;
    if (parent === null) return;
    const flushSoon = () => {
      if (pending.current !== null) clearTimeout(pending.current);
      pending.current = setTimeout(() => {
        pending.current = null;
        const v = viewRef.current;
        if (v) store.getState().actions.setSource(v.state.doc.toString());
      }, SYNC_DELAY_MS);
    };
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: selectSource(store.getState()),
        extensions: [
          lineNumbers(),
          drawSelection(),
          history(),
          bracketMatching(),
          indentUnit.of('  '),
          // The column is narrow and statements are long (flag unions): wrap, don't scroll.
          EditorView.lineWrapping,
          mmsLanguage,
          mmsHighlight,
          lintGutter(),
          stepLine,
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                onRun.current();
                return true;
              },
            },
            ...defaultKeymap,
            ...historyKeymap,
            indentWithTab,
          ]),
          EditorView.contentAttributes.of({
            'aria-label': 'Script',
            spellcheck: 'false',
            autocapitalize: 'off',
            autocorrect: 'off',
          }),
          EditorView.updateListener.of((u) => {
            // Edits from the store (console, link) are already there: don't echo them.
            if (u.docChanged && !u.transactions.some((tr) => tr.annotation(External))) flushSoon();
          }),
        ],
      }),
    });
    viewRef.current = view;

    const showErrors = (errors: readonly ScriptErrorInfo[]) => {
      const doc = view.state.doc;
      view.dispatch(
        setDiagnostics(
          view.state,
          errors.map((e) => toDiagnostic(doc, e)),
        ),
      );
    };
    showErrors(selectErrors(store.getState()));
    let shownLine = stepLineOf(store.getState());
    let frame = 0;
    const showStepLine = () => {
      frame = 0;
      const line = stepLineOf(store.getState());
      if (line === shownLine) return;
      shownLine = line;
      const effects: StateEffect<unknown>[] = [setStepLine.of(line)];
      if (line !== null && line <= view.state.doc.lines && !view.hasFocus) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'nearest' }));
      }
      view.dispatch({ effects });
    };
    view.dispatch({
      effects: [
        setStepLine.of(shownLine),
        ...(shownLine !== null
          ? [EditorView.scrollIntoView(view.state.doc.line(shownLine).from, { y: 'center' })]
          : []),
      ],
    });

    const unsubscribe = store.subscribe((s, prev) => {
      const text = selectSource(s);
      if (text !== selectSource(prev) && text !== view.state.doc.toString()) {
        // Text from outside (console, link): it wins over edits not yet synced.
        if (pending.current !== null) clearTimeout(pending.current);
        pending.current = null;
        view.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: text },
          annotations: External.of(true),
        });
      }
      if (selectErrors(s) !== selectErrors(prev) || text !== selectSource(prev)) {
        showErrors(selectErrors(s));
      }
      // The step line follows the cursor once per frame, not inside the store's update: a
      // CodeMirror update reads layout, which must not slow a jump or a scrub.
      if (stepLineOf(s) !== shownLine && frame === 0) frame = requestAnimationFrame(showStepLine);
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      if (pending.current !== null) clearTimeout(pending.current);
      view.destroy();
      viewRef.current = null;
    };
  }, [store]);

  return <div className="editor-host" ref={host} />;
}
