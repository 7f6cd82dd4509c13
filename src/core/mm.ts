/**
 * The address space (struct mm_struct) and the process around it: VMAs, page tables, physical
 * frames, open files, threads. Deterministic; `clone()` is a deep copy made of typed-array copies,
 * cheap enough for the explorer's timeline checkpoints.
 */
import { PGDIR_SIZE, TASK_SIZE, type Vaddr, vaddr } from './addr';
import { Frames } from './frames';
import { PageTables } from './pageTable';
import { KERNEL_6_18, type Profile } from './profiles';
import { RunLog } from './runLog';
import { Inode, type InodeKind, ShmemFile, cacheRemoveRange } from './shmem';
import { Thread } from './threads';
// uffd: the userfaultfd contexts, waiters and queues live on the Mm so that clone() copies them
import { UffdState } from './uffd';
import { Vma, VM_NONE } from './vma';

/** The simulator's `top`: 1 GiB-aligned, not 512 GiB-aligned (mms.md section 4). */
// The oracle runs with ADDR_NO_RANDOMIZE, where the kernel's `top` (the 1 GiB boundary below
// the libraries, just under mmap_base) is 0x7fffc0000000 on every run; using the same value
// makes addresses far from every name (e.g. a literal MAP_FIXED address) print identically.
// It is the last GiB of its 512 GiB PUD slot, so [top-1G, top) shares the runtime's PUD table.
export const SIM_TOP = 0x7fffc0000000;

export type FdEntry =
  | { readonly kind: 'memfd'; readonly file: ShmemFile; readonly cloexec: boolean }
  | { readonly kind: 'uffd'; readonly ctx: number; readonly cloexec: boolean };

export class Mm {
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
  nextUffd = 1;
  // uffd: contexts, registered-thread waiters and message queues (uffd.ts)
  uffd: UffdState = new UffdState();
  /** Last VMA used by the access path (the kernel's per-thread vmacache, one entry). */
  vmaCache: Vma | null = null;
  /** The byte the last load read (accessPage's second result, kept here to avoid allocation). */
  lastTag = 0;

  constructor(profile: Profile = KERNEL_6_18, src?: Mm) {
    this.profile = profile;
    this.top = vaddr(SIM_TOP);
    this.log = new RunLog();
    if (src !== undefined) {
      this.pt = src.pt.clone();
      this.frames = src.frames.clone();
      this.inodes = new Map();
      for (const [k, v] of src.inodes) this.inodes.set(k, v.clone());
      this.files = new Map();
      for (const [k, f] of src.files) {
        this.files.set(k, new ShmemFile(f.id, this.inodes.get(f.inode.id)!, f.writable, f.refs));
      }
      this.vmas = src.vmas.map((v) => v.copy(v.file === null ? null : this.files.get(v.file.id)!));
      this.fds = new Map();
      for (const [fd, e] of src.fds) {
        this.fds.set(fd, e.kind === 'memfd' ? { ...e, file: this.files.get(e.file.id)! } : e);
      }
      this.threads = src.threads.map((t) => t.clone());
      this.nextVmaId = src.nextVmaId;
      this.nextAnonVma = src.nextAnonVma;
      this.nextInode = src.nextInode;
      this.nextFile = src.nextFile;
      this.nextUffd = src.nextUffd;
      this.uffd = src.uffd.clone(); // uffd: deep copy for checkpoints
      return;
    }
    this.pt = new PageTables();
    this.frames = new Frames();
    this.fds = new Map();
    this.files = new Map();
    this.inodes = new Map();
    this.threads = [new Thread('main')];
    this.nextVmaId = 1;
    this.nextAnonVma = 1;
    this.nextInode = 1;
    this.nextFile = 1;
    // The runtime above top: one PROT_NONE VMA (never printed), and the PUD table of top's
    // 512 GiB region, which the runtime's own mappings keep alive. Counted in the baseline.
    this.vmas = [new Vma(0, SIM_TOP, TASK_SIZE, VM_NONE, SIM_TOP / 4096, null, 0, 0, true)];
    const scratch = new RunLog();
    this.pt.pudSlotAlloc(Math.floor(SIM_TOP / PGDIR_SIZE) * PGDIR_SIZE, scratch);
    this.pt.baseline = this.pt.bytes();
  }

  clone(): Mm {
    this.log.flush();
    return new Mm(this.profile, this);
  }

  newVmaId(): number {
    return this.nextVmaId++;
  }

  newUffdCtx(): number {
    return this.nextUffd++;
  }

  newAnonVmaId(): number {
    return this.nextAnonVma++;
  }

  /** map_count as the kernel counts it (the runtime VMA stands for runtimeMapCount VMAs). */
  mapCount(): number {
    return this.vmas.length - 1 + this.profile.runtimeMapCount;
  }

  invalidateVmaCache(): void {
    this.vmaCache = null;
  }

  /** VmPTE now minus VmPTE at the start. */
  pgtablesDelta(): number {
    return this.pt.bytes() - this.pt.baseline;
  }

  thread(name: string): Thread {
    let t = this.threads.find((x) => x.name === name);
    if (t === undefined) {
      t = new Thread(name);
      this.threads.push(t);
    }
    return t;
  }

  // ---- files and inodes ----

  newInode(kind: InodeKind, name: string, size: number): Inode {
    const inode = new Inode(this.nextInode++, kind, name, size);
    this.inodes.set(inode.id, inode);
    return inode;
  }

  /** A new open file on inode with no references yet. */
  newFile(inode: Inode, writable: boolean): ShmemFile {
    const f = new ShmemFile(this.nextFile++, inode, writable);
    inode.refs++;
    this.files.set(f.id, f);
    return f;
  }

  /** Drop a reference to a file (fput); the last one closes it and may evict the inode. */
  fileUnref(f: ShmemFile): void {
    if (--f.refs > 0) return;
    this.files.delete(f.id);
    const inode = f.inode;
    if (--inode.refs > 0) return;
    // shmem_evict_inode: the page cache goes with the inode.
    cacheRemoveRange(inode, 0, Number.MAX_SAFE_INTEGER, this.frames, this.log);
    this.inodes.delete(inode.id);
  }

  /** get_unused_fd_flags(): the lowest free fd from 3 up. */
  lowestFreeFd(): number {
    let fd = 3;
    while (this.fds.has(fd)) fd++;
    return fd;
  }
}
