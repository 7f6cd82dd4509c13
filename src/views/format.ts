/**
 * Number formatting shared by every view. Addresses are lower-case hex padded to 12 digits
 * (a user address has at most 47 bits), so that columns of addresses line up in a monospace
 * face; sizes use the transcript's suffixes (mms.md section 4) so a size on screen reads the
 * same as in the transcript; every short form has an exact long form for hover titles.
 */

const SUFFIXES: readonly [string, number][] = [
  ['T', 2 ** 40],
  ['G', 2 ** 30],
  ['M', 2 ** 20],
  ['K', 2 ** 10],
];

/** `0x7f4000000000`; padded to 12 hex digits unless `pad` is false. */
export function hex(n: number, pad = true): string {
  const s = n.toString(16);
  return '0x' + (pad ? s.padStart(12, '0') : s);
}

/** `0x1f`: short hex without padding, for PFNs, indices and flag words. */
export function shortHex(n: number): string {
  return '0x' + n.toString(16);
}

/** Thousands separators: `262,144`. */
export function count(n: number): string {
  const neg = n < 0;
  const s = Math.abs(Math.round(n)).toString();
  const out = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return neg ? '-' + out : out;
}

/**
 * A size as the transcript prints it (`4K`, `2M`, `1G`) when it is an exact multiple;
 * otherwise the nearest one-decimal approximation prefixed by `~` (`~127.9T`), which only the
 * views use, for gaps whose exact size is in the hover title.
 */
export function size(bytes: number): string {
  if (bytes === 0) return '0';
  for (const [suffix, unit] of SUFFIXES) {
    if (bytes % unit !== 0) continue;
    // Exact, unless the exact form is too long to read at a glance (136633384672K).
    const n = bytes / unit;
    if (n < 100000 || bytes < unit * 1024) return `${n}${suffix}`;
    break;
  }
  for (const [suffix, unit] of SUFFIXES) {
    if (bytes >= unit) return `~${(bytes / unit).toFixed(1)}${suffix}`;
  }
  return `${bytes}`;
}

/** `1,073,741,824 bytes (0x40000000) = 262,144 pages`: the exact form of a size. */
export function sizeExact(bytes: number): string {
  const pages = bytes / 4096;
  const pagePart = Number.isInteger(pages)
    ? ` = ${count(pages)} page${pages === 1 ? '' : 's'}`
    : '';
  return `${count(bytes)} bytes (${shortHex(bytes)})${pagePart}`;
}

/** `[0x7f0000000000, 0x7f0040000000)`. */
export function range(start: number, end: number): string {
  return `[${hex(start)}, ${hex(end)})`;
}

/** `1 page`, `512 pages`. */
export function pages(n: number): string {
  return `${count(n)} page${n === 1 ? '' : 's'}`;
}

/** A percentage for fill ratios, without a misleading 100% for 511/512. */
export function percent(ratio: number): string {
  if (ratio >= 1) return '100%';
  if (ratio <= 0) return '0%';
  const p = Math.floor(ratio * 1000) / 10;
  return `${p === 0 ? '<0.1' : p}%`;
}
