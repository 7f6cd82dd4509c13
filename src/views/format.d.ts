/**
 * Number formatting shared by every view. Addresses are lower-case hex padded to 12 digits
 * (a user address has at most 47 bits), so that columns of addresses line up in a monospace
 * face; sizes use the transcript's suffixes (mms.md section 4) so a size on screen reads the
 * same as in the transcript; every short form has an exact long form for hover titles.
 */
/** `0x7f4000000000`; padded to 12 hex digits unless `pad` is false. */
export declare function hex(n: number, pad?: boolean): string;
/** `0x1f`: short hex without padding, for PFNs, indices and flag words. */
export declare function shortHex(n: number): string;
/** Thousands separators: `262,144`. */
export declare function count(n: number): string;
/**
 * A size as the transcript prints it (`4K`, `2M`, `1G`) when it is an exact multiple;
 * otherwise the nearest one-decimal approximation prefixed by `~` (`~127.9T`), which only the
 * views use, for gaps whose exact size is in the hover title.
 */
export declare function size(bytes: number): string;
/** `1,073,741,824 bytes (0x40000000) = 262,144 pages`: the exact form of a size. */
export declare function sizeExact(bytes: number): string;
/** `[0x7f0000000000, 0x7f0040000000)`. */
export declare function range(start: number, end: number): string;
/** `1 page`, `512 pages`. */
export declare function pages(n: number): string;
/** A percentage for fill ratios, without a misleading 100% for 511/512. */
export declare function percent(ratio: number): string;
