/**
 * The one-line console: Enter executes a statement on the state shown (the store drops the
 * steps after the cursor, appends the statement to the script and runs it). Up and Down walk
 * the statements entered before, as in a shell.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { selectConsoleError } from '../store/selectors';
import { useExplorer, useExplorerActions } from './storeContext';

export function Console() {
  const actions = useExplorerActions();
  const error = useExplorer(selectConsoleError);
  const [value, setValue] = useState('');
  const history = useRef<string[]>([]);
  const back = useRef(0);
  const errId = useId();

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      const stmt = value.trim();
      if (stmt === '') return;
      if (history.current[history.current.length - 1] !== stmt) history.current.push(stmt);
      back.current = 0;
      if (actions.runConsole(stmt)) setValue('');
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const h = history.current;
      if (h.length === 0) return;
      e.preventDefault();
      back.current = Math.max(0, Math.min(h.length, back.current + (e.key === 'ArrowUp' ? 1 : -1)));
      setValue(back.current === 0 ? '' : (h[h.length - back.current] ?? ''));
    } else if (e.key === 'Escape') {
      setValue('');
      back.current = 0;
    }
  }

  return (
    <div className="console">
      <label className="console-row">
        <span className="console-prompt" aria-hidden="true">
          &gt;
        </span>
        <input
          aria-label="Console"
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errId : undefined}
          className="console-input mono"
          placeholder="statement, e.g. load(heap, 4K)"
          spellCheck={false}
          autoComplete="off"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </label>
      {error !== null && (
        <div id={errId} className="console-error mono" role="alert">
          column {error.column}: {error.message}
        </div>
      )}
    </div>
  );
}
