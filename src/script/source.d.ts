/**
 * A script's text and the name it is reported under (a file path, or "<console>" in the
 * explorer), like graphql-js's Source. Line and column lookups live here so that the lexer,
 * the parser and the lowering all count columns the same way.
 */
export declare class Source {
  readonly body: string;
  readonly name: string;
  /** Offset of the first character of each line (index 0 is line 1). */
  private readonly lineStarts;
  constructor(body: string, name?: string);
  /** 1-based line and column of an offset; columns count UTF-16 code units, tabs as one. */
  location(offset: number): {
    line: number;
    column: number;
  };
}
