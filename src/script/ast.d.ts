/**
 * The syntax tree the parser builds (mms.md section 2). It is purely syntactic: which calls
 * exist, their arities and which names are bound are checked by `lower.ts`, so the parser stays
 * a faithful transcription of the grammar and every semantic error can name its statement.
 */
/** Where a node starts: 1-based, as errors report it. */
export interface Loc {
  readonly line: number;
  readonly column: number;
  /** Offsets into the source body: [start, end). */
  readonly start: number;
  readonly end: number;
}
export interface NameNode {
  readonly kind: 'Name';
  readonly value: string;
  readonly loc: Loc;
}
export interface IntNode {
  readonly kind: 'Int';
  readonly value: bigint;
  readonly loc: Loc;
}
export interface UnaryNode {
  readonly kind: 'Unary';
  readonly op: '-';
  readonly operand: ExprNode;
  readonly loc: Loc;
}
export interface BinaryNode {
  readonly kind: 'Binary';
  readonly op: '+' | '-' | '*' | '|';
  readonly left: ExprNode;
  readonly right: ExprNode;
  readonly loc: Loc;
}
export interface ParenNode {
  readonly kind: 'Paren';
  readonly expr: ExprNode;
  readonly loc: Loc;
}
export type ExprNode = NameNode | IntNode | UnaryNode | BinaryNode | ParenNode;
export interface StringNode {
  readonly kind: 'String';
  readonly value: string;
  readonly loc: Loc;
}
export interface TagNode {
  readonly kind: 'Tag';
  /** The byte, 0x21..0x7e. */
  readonly value: number;
  readonly loc: Loc;
}
export type ArgumentNode = ExprNode | StringNode | TagNode;
/** `kernel 6.18` */
export interface KernelNode {
  readonly kind: 'Kernel';
  readonly version: string;
  readonly versionLoc: Loc;
  readonly loc: Loc;
}
/** `[@thread] [name =] callee(args)` */
export interface InvocationNode {
  readonly kind: 'Invocation';
  readonly thread: NameNode | null;
  readonly binding: NameNode | null;
  readonly callee: NameNode;
  readonly args: readonly ArgumentNode[];
  readonly loc: Loc;
}
export type StatementNode = KernelNode | InvocationNode;
export interface ScriptNode {
  readonly kind: 'Script';
  readonly statements: readonly StatementNode[];
}
