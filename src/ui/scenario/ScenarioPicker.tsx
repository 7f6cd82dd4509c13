/**
 * The scenario picker: a button in the header opens a searchable list of the built-in
 * scenarios (title, summary, tags); typing filters, ↑/↓ move, Enter or a click loads one,
 * Escape closes. The list is a listbox with the search field as its combobox, so screen
 * readers follow the active option.
 */
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { searchScenarios, type Scenario } from '../../scenarios/index';
import { selectScenarioId } from '../../store/selectors';
import { useExplorer, useExplorerStore } from '../storeContext';
import { loadScenario } from './scenarioState';
import './scenario.css';

export function ScenarioPicker() {
  const store = useExplorerStore();
  const current = useExplorer(selectScenarioId);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const results = useMemo(() => searchScenarios(query), [query]);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  useEffect(() => setActive(0), [query]);

  function close(): void {
    setOpen(false);
    setQuery('');
    button.current?.focus();
  }

  function choose(s: Scenario): void {
    loadScenario(store, s);
    close();
  }

  function onKeyDown(e: KeyboardEvent<HTMLElement>): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const s = results[active];
      if (s !== undefined) choose(s);
    }
  }

  return (
    <div className="sc-picker">
      <button
        ref={button}
        type="button"
        className="text-btn"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => (open ? close() : setOpen(true))}
        title="Built-in walkthroughs"
      >
        Scenarios
      </button>
      {open && (
        <>
          <div className="sc-backdrop" onClick={close} aria-hidden="true" />
          <div className="sc-dialog" role="dialog" aria-label="Scenarios" onKeyDown={onKeyDown}>
            <input
              ref={input}
              className="sc-search mono"
              type="search"
              role="combobox"
              aria-label="Search scenarios"
              aria-controls={listId}
              aria-expanded="true"
              aria-activedescendant={
                results[active] ? `${listId}-${results[active].id}` : undefined
              }
              placeholder="Search: GC, UFFDIO_MOVE, memfd, 5.7 …"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
            <ul className="sc-list" id={listId} role="listbox" aria-label="Scenario list">
              {results.map((s, i) => (
                <li
                  key={s.id}
                  id={`${listId}-${s.id}`}
                  role="option"
                  aria-selected={i === active}
                  data-scenario={s.id}
                  className={i === active ? 'sc-item active' : 'sc-item'}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(s)}
                >
                  <div className="sc-item-head">
                    <span className="sc-title">{s.title}</span>
                    {s.id === current && <span className="sc-current">shown</span>}
                    <span className="sc-id mono">{s.id}</span>
                  </div>
                  <div className="sc-summary">{s.summary}</div>
                  <div className="sc-tags mono">{s.tags.slice(0, 8).join(' · ')}</div>
                </li>
              ))}
              {results.length === 0 && <li className="sc-empty">No scenario matches “{query}”.</li>}
            </ul>
          </div>
        </>
      )}
    </div>
  );
}
