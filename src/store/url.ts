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

/** The last encoding: the URL is rewritten on every step, the script rarely changes. */
let lastEncoded: { text: string; code: string } | null = null;

/** base64url (RFC 4648 section 5, no padding) of the UTF-8 bytes of `text`. */
export function encodeScript(text: string): string {
  if (lastEncoded?.text === text) return lastEncoded.code;
  const code = encodeUncached(text);
  lastEncoded = { text, code };
  return code;
}

function encodeUncached(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  // Chunked so that String.fromCharCode never gets more arguments than the engine allows.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The inverse of `encodeScript`; null when `s` is not valid base64url of UTF-8. */
export function decodeScript(s: string): string | null {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(s)) return null;
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (b64.length % 4 === 1) return null;
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  try {
    const bin = atob(padded);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function nonNegativeInt(v: string | null): number | null {
  if (v === null || !/^\d+$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/** Reads a query string (`location.search`, with or without the leading `?`). */
export function parseUrlState(search: string): UrlState {
  const q = new URLSearchParams(search);
  const raw = q.get('script');
  return {
    script: raw === null ? null : decodeScript(raw),
    step: nonNegativeInt(q.get('step')),
    animationMs: nonNegativeInt(q.get('anim')),
    scenario: q.get('scenario'),
    embed: q.get('embed') === '1',
  };
}

export interface ShareState {
  /** null: the default walkthrough, which needs no `script` parameter. */
  readonly script: string | null;
  readonly step: number;
}

/**
 * The query string for a state, keeping any parameter this module does not own (`anim`,
 * `scenario`, `embed`, ...) as it was in `current`.
 */
export function buildSearch(state: ShareState, current = ''): string {
  const q = new URLSearchParams(current);
  q.delete('script');
  q.delete('step');
  const head = new URLSearchParams();
  if (state.script !== null) head.set('script', encodeScript(state.script));
  if (state.step > 0) head.set('step', String(state.step));
  for (const [k, v] of q) head.append(k, v);
  const s = head.toString();
  return s === '' ? '' : `?${s}`;
}

/** A full link: `base` is origin + path (e.g. `location.origin + location.pathname`). */
export function buildShareUrl(base: string, state: ShareState, current = ''): string {
  return base + buildSearch(state, current);
}
