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

export class Access {
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
  firstStop: bigint | null = null;

  constructor(kind: AccessKind, tag: number, next: number, end: number) {
    this.kind = kind;
    this.tag = tag;
    this.next = next;
    this.end = end;
    this.tags = new Uint8Array(
      kind === 'load' ? Math.min(1024, Math.max(1, (end - next) / 4096)) : 0,
    );
    this.ntags = 0;
    this.stop = null;
    this.finished = false;
  }

  /** Room for n more tags (a caller then writes tags[ntags++] itself). */
  reserveTags(n: number): Uint8Array {
    if (this.ntags + n > this.tags.length) {
      const g = new Uint8Array(Math.max(this.tags.length * 2, this.ntags + n));
      g.set(this.tags);
      this.tags = g;
    }
    return this.tags;
  }

  pushTag(t: number): void {
    if (this.ntags === this.tags.length) {
      const n = new Uint8Array(this.tags.length * 2);
      n.set(this.tags);
      this.tags = n;
    }
    this.tags[this.ntags++] = t;
  }

  clone(): Access {
    const a = new Access(this.kind, this.tag, this.next, this.end);
    a.tags = this.tags.slice();
    a.ntags = this.ntags;
    a.stop = this.stop;
    a.finished = this.finished;
    a.firstStop = this.firstStop;
    return a;
  }

  tagList(): number[] {
    const n = this.ntags;
    const t = this.tags;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = t[i]!;
    return out;
  }
}

export type ThreadState = 'idle' | 'running' | 'blocked' | 'done';

export class Thread {
  readonly name: string;
  /** The current or last access; null before the first. */
  access: Access | null = null;
  /** The uffd context the thread waits on while blocked (0 = none). */
  waitCtx = 0;
  /** Fault flags of the blocked fault (write), to re-raise or retry on wake-up. */
  waitWrite = false;

  constructor(name: string) {
    this.name = name;
  }

  state(): ThreadState {
    const a = this.access;
    if (a === null) return 'idle';
    if (a.finished) return 'done';
    if (a.stop !== null && a.stop.kind === 'blocked') return 'blocked';
    return 'running';
  }

  clone(): Thread {
    const t = new Thread(this.name);
    t.access = this.access === null ? null : this.access.clone();
    t.waitCtx = this.waitCtx;
    t.waitWrite = this.waitWrite;
    return t;
  }
}
