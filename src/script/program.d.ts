/**
 * The lowered program: what the parser's AST becomes, and what both executors run (the
 * simulator in `src/core` through `script/interpret.ts`, and the C oracle in `oracle/` through
 * the wire format in `src/oracle/wire.ts`). Every argument is `slot + constant`, so the C side
 * needs no expression evaluator: value = (slots[slot] + k) mod 2^64, with slot -1 meaning 0.
 */
/** A lowered argument: (value of `slot`, or 0 when slot is -1) + k, modulo 2^64. */
export interface Arg {
  readonly slot: number;
  readonly k: bigint;
}
export type CallName =
  | 'mmap'
  | 'munmap'
  | 'mprotect'
  | 'madvise'
  | 'mremap'
  | 'mlock'
  | 'mlock2'
  | 'munlock'
  | 'memfd_create'
  | 'userfaultfd'
  | 'ftruncate'
  | 'fallocate'
  | 'close'
  | 'ioctl'
  | 'read';
/** What a name is bound to; only `addr` names print addresses (mms.md section 4). */
export type SlotKind = 'top' | 'addr' | 'fd';
export interface Slot {
  readonly name: string;
  readonly kind: SlotKind;
}
interface OpBase {
  /** 1-based source line of the statement. */
  readonly line: number;
  /** Source text of the statement, trimmed, comment removed (printed in the transcript). */
  readonly text: string;
}
export type Op =
  | (OpBase & {
      readonly kind: 'call';
      readonly call: CallName;
      /**
       * C argument order, trailing omitted arguments filled with 0 up to the call's arity.
       * `memfd_create`: args = [flags] and the name is in `str`. `ioctl`: args[0] = uffd,
       * args[1] = the request (a constant), then the request's fields in mms.md's order.
       */
      readonly args: readonly Arg[];
      readonly str: string | null;
      /** Slot to bind on success, or -1. */
      readonly bind: number;
    })
  | (OpBase & {
      readonly kind: 'access';
      readonly access: 'load' | 'store';
      /** Index into Program.threads (0 is `main`). */
      readonly thread: number;
      readonly addr: Arg;
      readonly len: Arg;
      /** The byte a store writes (0x21..0x7e); 0 for a load. */
      readonly tag: number;
    })
  | (OpBase & {
      readonly kind: 'wait';
      readonly thread: number;
    })
  | (OpBase & {
      readonly kind: 'maps';
    })
  | (OpBase & {
      readonly kind: 'pagemap';
      readonly ranges: readonly {
        readonly addr: Arg;
        readonly len: Arg;
      }[];
    })
  | (OpBase & {
      readonly kind: 'pgtables';
    });
export interface Program {
  /** `kernel X.Y` if the script has it, e.g. "6.18". */
  readonly profile: string | null;
  /** Slot 0 is always `top`. */
  readonly slots: readonly Slot[];
  /** Thread names in order of first use; index 0 is always `main`. */
  readonly threads: readonly string[];
  readonly ops: readonly Op[];
}
export declare const TOP_SLOT = 0;
export {};
