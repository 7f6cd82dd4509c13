/**
 * A script's text and the name it is reported under (a file path, or "<console>" in the
 * explorer), like graphql-js's Source. Line and column lookups live here so that the lexer,
 * the parser and the lowering all count columns the same way.
 */

export class Source {
  readonly body: string;
  readonly name: string;
  /** Offset of the first character of each line (index 0 is line 1). */
  private readonly lineStarts: number[];

  constructor(body: string, name = '<script>') {
    this.body = body;
    this.name = name;
    this.lineStarts = [0];
    for (let i = 0; i < body.length; i++) {
      if (body.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** 1-based line and column of an offset; columns count UTF-16 code units, tabs as one. */
  location(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }
}
