/**
 * Scenarios in the explorer: loading one (and saying so in the address bar), and which one is
 * shown. URL: `?scenario=<id>` (and `&profile=5.7` for a profile variant) loads a built-in
 * scenario; the shell's url.ts leaves these parameters alone, and its `script` parameter stays
 * away while the text is the scenario's own (urlSync.ts asks `scenarioOfSource`).
 */
import { useEffect } from 'react';
import { dontunmap } from '../../scenarios/dontunmap';
import { findScenario, profilesOf, walkthroughOf, type Scenario } from '../../scenarios/index';
import type { ExplorerStore, ExplorerStoreState } from '../../store/store';

export const SCENARIO_PARAM = 'scenario';
export const PROFILE_PARAM = 'profile';

/** The built-in scenario shown (null for a free script or a demo's own script) and its profile. */
export function shownScenario(
  s: ExplorerStoreState,
): { readonly scenario: Scenario; readonly profile: string } | null {
  const scenario = findScenario(s.scenarioId);
  if (scenario === undefined) return null;
  const profile = s.program?.profile ?? scenario.profile;
  return { scenario, profile: profilesOf(scenario).includes(profile) ? profile : scenario.profile };
}

/** Scenario and profile parameters of the current address, or null. */
export function scenarioFromUrl(
  search: string,
): { readonly scenario: Scenario; readonly profile: string | null } | null {
  const q = new URLSearchParams(search);
  const scenario = findScenario(q.get(SCENARIO_PARAM));
  if (scenario === undefined) return null;
  const profile = q.get(PROFILE_PARAM);
  return {
    scenario,
    profile: profile !== null && profilesOf(scenario).includes(profile) ? profile : null,
  };
}

/** The address-bar query for a scenario (keeping what else is there, minus script and step). */
export function searchForScenario(
  current: string,
  id: string | null,
  profile: string | null,
): string {
  const q = new URLSearchParams(current);
  q.delete('script');
  q.delete('step');
  if (id === null || id === dontunmap.id) q.delete(SCENARIO_PARAM);
  else q.set(SCENARIO_PARAM, id);
  if (profile === null) q.delete(PROFILE_PARAM);
  else q.set(PROFILE_PARAM, profile);
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}

function replaceSearch(search: string): void {
  if (typeof window === 'undefined' || search === window.location.search) return;
  window.history.replaceState(window.history.state, '', window.location.pathname + search);
}

/** Show a built-in scenario from its first step, under `profile` (default: its own). */
export function loadScenario(
  store: ExplorerStore,
  scenario: Scenario,
  profile?: string | null,
): boolean {
  const p =
    profile !== undefined && profile !== null && profile !== scenario.profile ? profile : null;
  const ok = store.getState().actions.loadWalkthrough(walkthroughOf(scenario, p), 0);
  if (typeof window !== 'undefined')
    replaceSearch(searchForScenario(window.location.search, scenario.id, p));
  return ok;
}

/**
 * Keep `scenario` / `profile` in the address bar in step with what is shown: dropped when the
 * script stops being a scenario (an unrelated script was run), updated when another is loaded.
 */
export function useScenarioUrl(store: ExplorerStore): void {
  useEffect(() => {
    const sync = (s: ExplorerStoreState) => {
      const shown = shownScenario(s);
      const q = new URLSearchParams(window.location.search);
      const id = shown?.scenario.id ?? null;
      const profile =
        shown !== null && shown.profile !== shown.scenario.profile ? shown.profile : null;
      const want = id === null || id === dontunmap.id ? null : id;
      if (q.get(SCENARIO_PARAM) === want && q.get(PROFILE_PARAM) === profile) return;
      if (want === null) q.delete(SCENARIO_PARAM);
      else q.set(SCENARIO_PARAM, want);
      if (profile === null) q.delete(PROFILE_PARAM);
      else q.set(PROFILE_PARAM, profile);
      const str = q.toString();
      replaceSearch(str === '' ? '' : `?${str}`);
    };
    return store.subscribe((s, prev) => {
      if (s.scenarioId !== prev.scenarioId || s.program !== prev.program) sync(s);
    });
  }, [store]);
}
