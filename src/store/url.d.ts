/**
 * URL state: what the address bar carries so that a link (or a reload) shows the same thing.
 *
 *   ?script=<base64url of the UTF-8 text>   a free script (absent: the default walkthrough)
 *   &step=N                                 the cursor (0 = initial state)
 *   &anim=0                                 animation duration in ms at speed 1 (tests: 0)
 *   &scenario=<id>, &embed=1                reserved for built-in scenarios and embedding
 *
 * Pure string functions: no `window`, so the store and unit tests use them in Node too.
 */
export interface UrlState {
    /** The script text, decoded; null when the URL carries none. */
    readonly script: string | null;
    readonly step: number | null;
    readonly animationMs: number | null;
    /** Parsed now so that the next issue only has to act on them. */
    readonly scenario: string | null;
    readonly embed: boolean;
}
/** base64url (RFC 4648 section 5, no padding) of the UTF-8 bytes of `text`. */
export declare function encodeScript(text: string): string;
/** The inverse of `encodeScript`; null when `s` is not valid base64url of UTF-8. */
export declare function decodeScript(s: string): string | null;
/** Reads a query string (`location.search`, with or without the leading `?`). */
export declare function parseUrlState(search: string): UrlState;
export interface ShareState {
    /** null: the default walkthrough, which needs no `script` parameter. */
    readonly script: string | null;
    readonly step: number;
}
/**
 * The query string for a state, keeping any parameter this module does not own (`anim`,
 * `scenario`, `embed`, ...) as it was in `current`.
 */
export declare function buildSearch(state: ShareState, current?: string): string;
/** A full link: `base` is origin + path (e.g. `location.origin + location.pathname`). */
export declare function buildShareUrl(base: string, state: ShareState, current?: string): string;
