/**
 * Raw facts: what an executor observed for each op, before any printing. The simulator
 * produces them from its state; the oracle reports the kernel's (return values, errno,
 * /proc/self/smaps, /proc/self/pagemap, /proc/kpageflags, bytes read) and
 * `src/oracle/decode.ts` normalizes those into these same types. `script/format.ts` is the one
 * formatter that turns facts into transcript lines, so a transcript difference is always a
 * difference in behaviour, never in printing.
 */
/** Where an access stopped. `blocked` means the thread waits in a userfault. */
export interface Stop {
  readonly kind: 'SIGSEGV' | 'SIGBUS' | 'blocked';
  /** The address of the page whose access stopped (a u64 user address). */
  readonly addr: bigint;
}
/** The state of one access (the last access of a thread, for `wait`). */
export interface AccessOutcome {
  readonly access: 'load' | 'store';
  /** The first byte of each page read, in order (loads only; 0 prints as `.`). */
  readonly tags: readonly number[];
  /** null when every page was accessed. */
  readonly stop: Stop | null;
}
/** A userfaultfd message as read from the fd (struct uffd_msg), fields already decoded. */
export type UffdMessage =
  | {
      readonly event: 'PAGEFAULT';
      readonly address: bigint;
      /** UFFD_PAGEFAULT_FLAG_WRITE=1, WP=2, MINOR=4 */
      readonly flags: number;
      /** The thread's name when the uffd has UFFD_FEATURE_THREAD_ID, else null. */
      readonly thread: string | null;
    }
  | {
      readonly event: 'REMAP';
      readonly from: bigint;
      readonly to: bigint;
      readonly len: bigint;
    }
  | {
      readonly event: 'REMOVE';
      readonly start: bigint;
      readonly end: bigint;
    }
  | {
      readonly event: 'UNMAP';
      readonly start: bigint;
      readonly end: bigint;
    }
  | {
      readonly event: 'FORK';
      readonly ufd: bigint;
    };
export interface MapsEntry {
  readonly start: bigint;
  readonly end: bigint;
  /** Four characters as in /proc/PID/maps, e.g. "rw-p". */
  readonly perms: string;
  readonly backing:
    | {
        readonly kind: 'anon';
      }
    | {
        readonly kind: 'shared-anon';
      }
    | {
        readonly kind: 'memfd';
        readonly name: string;
        readonly offset: bigint;
      }
    | {
        readonly kind: 'other';
        readonly path: string;
      };
  /** VmFlags mnemonics as smaps lists them (all of them; the formatter picks the subset). */
  readonly flags: readonly string[];
}
/** One page of a pagemap() observation, decoded from the pagemap word and kpageflags. */
export type PageFact =
  | {
      readonly state: 'none';
    }
  | {
      readonly state: 'present';
      /** Identity of the physical page (a PFN); equal values are the same page. */
      readonly frame: bigint;
      /** The shared zero page or the huge zero page (KPF_ZERO_PAGE). */
      readonly zero: boolean;
      /** pagemap bit 56 (PM_MMAP_EXCLUSIVE). */
      readonly excl: boolean;
      /** pagemap bit 61 (PM_FILE: file page or shared anonymous). */
      readonly file: boolean;
      /** pagemap bit 57 (PM_UFFD_WP). */
      readonly wp: boolean;
      /** KPF_THP. */
      readonly thp: boolean;
    }
  | {
      readonly state: 'marker';
      readonly marker: 'wp' | 'poison';
    }
  | {
      readonly state: 'swap';
    };
/** An out field of an ioctl, in print order (mms.md section 5). */
export interface OutField {
  readonly name: 'features' | 'ioctls' | 'copy' | 'zeropage' | 'mapped' | 'move' | 'updated';
  /** The raw value as the kernel left it (a signed 64-bit value for the byte counts). */
  readonly value: bigint;
}
export type Fact =
  | {
      readonly kind: 'call';
      /** The raw return value: an address, an fd, 0, or -1. */
      readonly ret: bigint;
      /** errno when the call failed, else 0. */
      readonly errno: number;
      readonly out: readonly OutField[];
    }
  | {
      readonly kind: 'read';
      readonly message: UffdMessage | null;
      readonly errno: number;
    }
  | {
      readonly kind: 'access';
      readonly outcome: AccessOutcome;
    }
  | {
      readonly kind: 'wait';
      readonly outcome: AccessOutcome | null;
    }
  | {
      readonly kind: 'maps';
      readonly entries: readonly MapsEntry[];
    }
  | {
      readonly kind: 'pagemap';
      readonly pages: readonly PageFact[];
    }
  /** VmPTE now minus VmPTE at the start, in bytes. */
  | {
      readonly kind: 'pgtables';
      readonly delta: number;
    }
  /** A script error found while running (an unbound name, an access on a blocked thread). */
  | {
      readonly kind: 'error';
      readonly message: string;
    };
/** The start of every run: the value of `top`. */
export interface RunHeader {
  readonly top: bigint;
}
