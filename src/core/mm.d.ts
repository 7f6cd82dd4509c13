/**
 * The address space (struct mm_struct) and the process around it: VMAs, page tables, physical
 * frames, open files, threads. Deterministic; `clone()` is a deep copy made of typed-array copies,
 * cheap enough for the explorer's timeline checkpoints.
 */
import { type Vaddr } from './addr';
import { Frames } from './frames';
import { PageTables } from './pageTable';
import { type Profile } from './profiles';
import { RunLog } from './runLog';
import { Inode, type InodeKind, ShmemFile } from './shmem';
import { Thread } from './threads';
import { Vma } from './vma';
/** The simulator's `top`: 1 GiB-aligned, not 512 GiB-aligned (mms.md section 4). */
export declare const SIM_TOP = 139912854634496;
export type FdEntry =
  | {
      readonly kind: 'memfd';
      readonly file: ShmemFile;
      readonly cloexec: boolean;
    }
  | {
      readonly kind: 'uffd';
      readonly ctx: number;
      readonly cloexec: boolean;
    };
export declare class Mm {
  readonly profile: Profile;
  readonly top: Vaddr;
  vmas: Vma[];
  readonly pt: PageTables;
  readonly frames: Frames;
  /** Open fds (3 and up; 0-2 are the oracle's stdio and are not modelled). */
  readonly fds: Map<number, FdEntry>;
  /** Live open files (by id) and inodes (by id). */
  readonly files: Map<number, ShmemFile>;
  readonly inodes: Map<number, Inode>;
  readonly threads: Thread[];
  log: RunLog;
  /** Counters for ids. */
  nextVmaId: number;
  nextAnonVma: number;
  nextInode: number;
  nextFile: number;
  nextUffd: number;
  /** Last VMA used by the access path (the kernel's per-thread vmacache, one entry). */
  vmaCache: Vma | null;
  /** The byte the last load read (accessPage's second result, kept here to avoid allocation). */
  lastTag: number;
  constructor(profile?: Profile, src?: Mm);
  clone(): Mm;
  newVmaId(): number;
  newUffdCtx(): number;
  newAnonVmaId(): number;
  /** map_count as the kernel counts it (the runtime VMA stands for runtimeMapCount VMAs). */
  mapCount(): number;
  invalidateVmaCache(): void;
  /** VmPTE now minus VmPTE at the start. */
  pgtablesDelta(): number;
  thread(name: string): Thread;
  newInode(kind: InodeKind, name: string, size: number): Inode;
  /** A new open file on inode with no references yet. */
  newFile(inode: Inode, writable: boolean): ShmemFile;
  /** Drop a reference to a file (fput); the last one closes it and may evict the inode. */
  fileUnref(f: ShmemFile): void;
  /** get_unused_fd_flags(): the lowest free fd from 3 up. */
  lowestFreeFd(): number;
}
