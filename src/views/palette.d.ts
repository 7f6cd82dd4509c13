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
export declare const OKABE_ITO: {
    readonly black: "#000000";
    readonly orange: "#E69F00";
    readonly skyBlue: "#56B4E9";
    readonly bluishGreen: "#009E73";
    readonly yellow: "#F0E442";
    readonly blue: "#0072B2";
    readonly vermillion: "#D55E00";
    readonly reddishPurple: "#CC79A7";
};
/** Private anonymous memory. */
export declare const ANON_COLOR: "#56B4E9";
/** MAP_SHARED|MAP_ANONYMOUS (an unnamed shmem inode). */
export declare const SHARED_ANON_COLOR: "#009E73";
/** memfds, in order of their inode numbers. */
export declare const MEMFD_COLORS: readonly string[];
/** The shared zero page: not memory anyone owns, so a neutral grey in both themes. */
export declare const ZERO_COLOR = "#999999";
/** Stops and alarms: blocked threads, SIGBUS/SIGSEGV, poison, uffd-wp. */
export declare const ALERT_COLOR: "#D55E00";
/** The colour of the `ordinal`-th memfd (0-based, by inode number). */
export declare function memfdColor(ordinal: number): string;
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
export declare const THEMES: Readonly<Record<Theme, ThemeColors>>;
/** `var(--mm-fg, #1d1d1f)`: a CSS variable with the light theme's value as fallback. */
export declare function cssVar(name: keyof ThemeColors): string;
/** The CSS variable declarations of a theme, e.g. for a `style` attribute. */
export declare function cssVariables(theme: Theme): Record<string, string>;
/** Resolved theme colours for canvas drawing. */
export declare function themeColors(theme: Theme): ThemeColors;
