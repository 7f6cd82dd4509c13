/**
 * CPU threads and their accesses. An access (`load`/`store` of a range) is a resumable state
 * machine: the thread walks its pages in ascending order; a page whose fault must wait (a
 * userfault) leaves the thread blocked with its position and the tags read so far, and a later
 * wake-up resumes it from that page (the faulting instruction is retried, as on the CPU).
 */
export type AccessKind = 'load' | 'store';
export type StopKind = 'SIGSEGV' | 'SIGBUS' | 'blocked';
export interface AccessStop {
  readonly kind: StopKind;
  /** Address of the page whose access stopped (a u64). */
  readonly addr: bigint;
}
export declare class Access {
  readonly kind: AccessKind;
  /** The byte a store writes. */
  readonly tag: number;
  /** Next page to access and the end of the range (page-aligned, exact: both < 2^53). */
  next: number;
  readonly end: number;
  /** First bytes read so far (loads). */
  tags: Uint8Array;
  ntags: number;
  /** Why the access stopped: a signal (final) or `blocked` (resumable); null while running. */
  stop: AccessStop | null;
  finished: boolean;
  /** Set when the first page already lies beyond the address space (a u64 address). */
  firstStop: bigint | null;
  constructor(kind: AccessKind, tag: number, next: number, end: number);
  pushTag(t: number): void;
  clone(): Access;
  tagList(): number[];
}
export type ThreadState = 'idle' | 'running' | 'blocked' | 'done';
export declare class Thread {
  readonly name: string;
  /** The current or last access; null before the first. */
  access: Access | null;
  /** The uffd context the thread waits on while blocked (0 = none). */
  waitCtx: number;
  /** Fault flags of the blocked fault (write), to re-raise or retry on wake-up. */
  waitWrite: boolean;
  constructor(name: string);
  state(): ThreadState;
  clone(): Thread;
}
