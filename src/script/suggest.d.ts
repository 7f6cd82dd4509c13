/**
 * "Did you mean" hints for misspelt calls, constants and names (graphql-js does the same):
 * `MAP_ANONYMUS` is far more common than a truly unknown constant.
 */
/** The closest candidate, if it is close enough to be a plausible typo. */
export declare function closest(input: string, candidates: Iterable<string>): string | null;
/** ` (did you mean X?)` or nothing. */
export declare function didYouMean(input: string, candidates: Iterable<string>): string;
