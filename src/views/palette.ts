/**
 * Colours. Backings take the Okabe-Ito palette (Okabe & Ito 2008, colour-blind safe); a VMA,
 * its page-table entries and its frames share one colour on every pane, so a colour is a
 * backing and nothing else. Vermillion is kept out of the backing rotation: it means "stopped"
 * (a blocked thread, SIGBUS, a poison marker), so it can never be mistaken for memory.
 *
 * Neutral colours (text, grid, empty slots) depend on the theme and are CSS variables, so the
 * panes follow a theme switch without a redraw; `themeColors` resolves the same values for
 * canvas drawing, which cannot read CSS variables.
 */
import type { Theme } from '../store/types';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Private anonymous memory. */
export const ANON_COLOR = OKABE_ITO.skyBlue;
/** MAP_SHARED|MAP_ANONYMOUS (an unnamed shmem inode). */
export const SHARED_ANON_COLOR = OKABE_ITO.bluishGreen;
/** memfds, in order of their inode numbers. */
export const MEMFD_COLORS: readonly string[] = [
  OKABE_ITO.orange,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.blue,
  OKABE_ITO.yellow,
];
/** The shared zero page: not memory anyone owns, so a neutral grey in both themes. */
export const ZERO_COLOR = '#999999';
/** Stops and alarms: blocked threads, SIGBUS/SIGSEGV, poison, uffd-wp. */
export const ALERT_COLOR = OKABE_ITO.vermillion;

/** The colour of the `ordinal`-th memfd (0-based, by inode number). */
export function memfdColor(ordinal: number): string {
  return MEMFD_COLORS[ordinal % MEMFD_COLORS.length]!;
}

export interface ThemeColors {
  readonly bg: string;
  readonly panel: string;
  readonly fg: string;
  readonly muted: string;
  readonly faint: string;
  readonly grid: string;
  /** An empty (none) page-table slot or an absent cache page. */
  readonly empty: string;
  readonly selection: string;
  readonly hover: string;
  readonly tooltipBg: string;
  readonly tooltipFg: string;
}

export const THEMES: Readonly<Record<Theme, ThemeColors>> = {
  light: {
    bg: '#ffffff',
    panel: '#f7f7f5',
    fg: '#1d1d1f',
    muted: '#5f6368',
    faint: '#9aa0a6',
    grid: '#e3e3df',
    empty: '#eeeeea',
    selection: '#1d1d1f',
    hover: '#5f6368',
    tooltipBg: '#1d1d1f',
    tooltipFg: '#f7f7f5',
  },
  dark: {
    bg: '#16171a',
    panel: '#1e1f23',
    fg: '#e8e8e3',
    muted: '#a0a4aa',
    faint: '#6b7077',
    grid: '#2e3035',
    empty: '#26282d',
    selection: '#ffffff',
    hover: '#a0a4aa',
    tooltipBg: '#e8e8e3',
    tooltipFg: '#16171a',
  },
};

/** Names of the CSS variables, keyed like ThemeColors. */
const VAR_NAMES: Readonly<Record<keyof ThemeColors, string>> = {
  bg: '--mm-bg',
  panel: '--mm-panel',
  fg: '--mm-fg',
  muted: '--mm-muted',
  faint: '--mm-faint',
  grid: '--mm-grid',
  empty: '--mm-empty',
  selection: '--mm-selection',
  hover: '--mm-hover',
  tooltipBg: '--mm-tooltip-bg',
  tooltipFg: '--mm-tooltip-fg',
};

/** `var(--mm-fg, #1d1d1f)`: a CSS variable with the light theme's value as fallback. */
export function cssVar(name: keyof ThemeColors): string {
  return `var(${VAR_NAMES[name]}, ${THEMES.light[name]})`;
}

/** The CSS variable declarations of a theme, e.g. for a `style` attribute. */
export function cssVariables(theme: Theme): Record<string, string> {
  const out: Record<string, string> = {};
  const colors = THEMES[theme];
  for (const key of Object.keys(VAR_NAMES) as (keyof ThemeColors)[]) {
    out[VAR_NAMES[key]] = colors[key];
  }
  return out;
}

/** Resolved theme colours for canvas drawing. */
export function themeColors(theme: Theme): ThemeColors {
  return THEMES[theme];
}

/** A colour as a canvas can take it: a `cssVar(...)` becomes the theme's value. */
export function resolveColor(color: string, theme: Theme): string {
  if (!color.startsWith('var(')) return color;
  const name = /^var\((--[\w-]+)/.exec(color)?.[1];
  const key = (Object.keys(VAR_NAMES) as (keyof ThemeColors)[]).find((k) => VAR_NAMES[k] === name);
  return key ? THEMES[theme][key] : color;
}
