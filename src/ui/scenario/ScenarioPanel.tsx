/**
 * Beside the narration: which scenario is shown, its kernel-profile switch (when it has
 * variants), and the sources of the current step's sentence as links.
 */
import { refsAt } from '../../scenarios/index';
import { selectCurrentStep, selectNarration } from '../../store/selectors';
import type { ExplorerStoreState } from '../../store/store';
import { useExplorer, useExplorerStore } from '../storeContext';
import { loadScenario, shownScenario } from './scenarioState';
import './scenario.css';

const selectShown = (s: ExplorerStoreState) => {
  const x = shownScenario(s);
  return x === null ? null : `${x.scenario.id}\u0000${x.profile}`;
};
const selectLine = (s: ExplorerStoreState) => selectCurrentStep(s)?.op.line ?? 0;

/** The current step's source links, or nothing when its sentence is not shown. */
export function SourceLinks(props: { className?: string }) {
  const store = useExplorerStore();
  const key = useExplorer(selectShown);
  const line = useExplorer(selectLine);
  const sentence = useExplorer(selectNarration);
  if (key === null || sentence === null) return null;
  const shown = shownScenario(store.getState());
  if (shown === null) return null;
  const refs = refsAt(shown.scenario, line, shown.profile);
  if (refs.length === 0) return null;
  return (
    <div className={props.className ?? 'sc-sources'} aria-label="Sources">
      <span className="sc-sources-label">Sources</span>
      {refs.map((r) => (
        <a
          key={r.url + r.label}
          href={r.url}
          target="_blank"
          rel="noreferrer noopener"
          title={r.url}
        >
          {r.label}
        </a>
      ))}
    </div>
  );
}

export function ScenarioPanel() {
  const store = useExplorerStore();
  const key = useExplorer(selectShown);
  if (key === null) return null;
  const shown = shownScenario(store.getState());
  if (shown === null) return null;
  const { scenario, profile } = shown;
  const profiles = [
    { profile: scenario.profile, label: `Linux ${scenario.profile}` },
    ...scenario.variants.map((v) => ({ profile: v.profile, label: v.label })),
  ];
  return (
    <section className="sc-panel" aria-label="Scenario">
      <div className="sc-panel-head">
        <span className="sc-panel-title" title={scenario.summary}>
          {scenario.title}
        </span>
        {profiles.length > 1 && (
          <span className="sc-profiles" role="group" aria-label="Kernel profile">
            {profiles.map((p) => (
              <button
                key={p.profile}
                type="button"
                className="sc-profile"
                aria-pressed={p.profile === profile}
                onClick={() => {
                  if (p.profile !== profile) loadScenario(store, scenario, p.profile);
                }}
              >
                {p.label}
              </button>
            ))}
          </span>
        )}
      </div>
      <SourceLinks />
    </section>
  );
}
