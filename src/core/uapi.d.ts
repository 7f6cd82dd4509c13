/**
 * The kernel's UAPI constants with their x86-64 values (include/uapi/asm-generic/mman-common.h,
 * mman.h, include/uapi/linux/userfaultfd.h, memfd.h, falloc.h, fcntl.h). Scripts name them;
 * the core decodes them. An unknown name is a script error (mms.md section 1).
 */
export declare const PROT_NONE = 0;
export declare const PROT_READ = 1;
export declare const PROT_WRITE = 2;
export declare const PROT_EXEC = 4;
export declare const PROT_GROWSDOWN = 16777216;
export declare const PROT_GROWSUP = 33554432;
export declare const MAP_SHARED = 1;
export declare const MAP_PRIVATE = 2;
export declare const MAP_SHARED_VALIDATE = 3;
export declare const MAP_DROPPABLE = 8;
export declare const MAP_TYPE = 15;
export declare const MAP_FIXED = 16;
export declare const MAP_ANONYMOUS = 32;
export declare const MAP_32BIT = 64;
export declare const MAP_GROWSDOWN = 256;
export declare const MAP_DENYWRITE = 2048;
export declare const MAP_EXECUTABLE = 4096;
export declare const MAP_LOCKED = 8192;
export declare const MAP_NORESERVE = 16384;
export declare const MAP_POPULATE = 32768;
export declare const MAP_NONBLOCK = 65536;
export declare const MAP_STACK = 131072;
export declare const MAP_HUGETLB = 262144;
export declare const MAP_SYNC = 524288;
export declare const MAP_FIXED_NOREPLACE = 1048576;
export declare const MAP_UNINITIALIZED = 67108864;
export declare const MREMAP_MAYMOVE = 1;
export declare const MREMAP_FIXED = 2;
export declare const MREMAP_DONTUNMAP = 4;
export declare const MADV_NORMAL = 0;
export declare const MADV_RANDOM = 1;
export declare const MADV_SEQUENTIAL = 2;
export declare const MADV_WILLNEED = 3;
export declare const MADV_DONTNEED = 4;
export declare const MADV_FREE = 8;
export declare const MADV_REMOVE = 9;
export declare const MADV_DONTFORK = 10;
export declare const MADV_DOFORK = 11;
export declare const MADV_MERGEABLE = 12;
export declare const MADV_UNMERGEABLE = 13;
export declare const MADV_HUGEPAGE = 14;
export declare const MADV_NOHUGEPAGE = 15;
export declare const MADV_DONTDUMP = 16;
export declare const MADV_DODUMP = 17;
export declare const MADV_WIPEONFORK = 18;
export declare const MADV_KEEPONFORK = 19;
export declare const MADV_COLD = 20;
export declare const MADV_PAGEOUT = 21;
export declare const MADV_POPULATE_READ = 22;
export declare const MADV_POPULATE_WRITE = 23;
export declare const MADV_DONTNEED_LOCKED = 24;
export declare const MADV_COLLAPSE = 25;
export declare const MADV_HWPOISON = 100;
export declare const MADV_SOFT_OFFLINE = 101;
export declare const MADV_GUARD_INSTALL = 102;
export declare const MADV_GUARD_REMOVE = 103;
export declare const MLOCK_ONFAULT = 1;
export declare const MCL_CURRENT = 1;
export declare const MCL_FUTURE = 2;
export declare const MCL_ONFAULT = 4;
export declare const MFD_CLOEXEC = 1;
export declare const MFD_ALLOW_SEALING = 2;
export declare const MFD_HUGETLB = 4;
export declare const MFD_NOEXEC_SEAL = 8;
export declare const MFD_EXEC = 16;
export declare const O_RDONLY = 0;
export declare const O_WRONLY = 1;
export declare const O_RDWR = 2;
export declare const O_NONBLOCK = 2048;
export declare const O_CLOEXEC = 524288;
export declare const FALLOC_FL_KEEP_SIZE = 1;
export declare const FALLOC_FL_PUNCH_HOLE = 2;
export declare const FALLOC_FL_NO_HIDE_STALE = 4;
export declare const FALLOC_FL_COLLAPSE_RANGE = 8;
export declare const FALLOC_FL_ZERO_RANGE = 16;
export declare const FALLOC_FL_INSERT_RANGE = 32;
export declare const FALLOC_FL_UNSHARE_RANGE = 64;
export declare const UFFD_API = 170;
export declare const UFFD_USER_MODE_ONLY = 1;
export declare const UFFD_FEATURE_NAMES: readonly [
  'PAGEFAULT_FLAG_WP',
  'EVENT_FORK',
  'EVENT_REMAP',
  'EVENT_REMOVE',
  'MISSING_HUGETLBFS',
  'MISSING_SHMEM',
  'EVENT_UNMAP',
  'SIGBUS',
  'THREAD_ID',
  'MINOR_HUGETLBFS',
  'MINOR_SHMEM',
  'EXACT_ADDRESS',
  'WP_HUGETLBFS_SHMEM',
  'WP_UNPOPULATED',
  'POISON',
  'WP_ASYNC',
  'MOVE',
];
export declare const UFFD_FEATURE_PAGEFAULT_FLAG_WP: number;
export declare const UFFD_FEATURE_EVENT_FORK: number;
export declare const UFFD_FEATURE_EVENT_REMAP: number;
export declare const UFFD_FEATURE_EVENT_REMOVE: number;
export declare const UFFD_FEATURE_MISSING_HUGETLBFS: number;
export declare const UFFD_FEATURE_MISSING_SHMEM: number;
export declare const UFFD_FEATURE_EVENT_UNMAP: number;
export declare const UFFD_FEATURE_SIGBUS: number;
export declare const UFFD_FEATURE_THREAD_ID: number;
export declare const UFFD_FEATURE_MINOR_HUGETLBFS: number;
export declare const UFFD_FEATURE_MINOR_SHMEM: number;
export declare const UFFD_FEATURE_EXACT_ADDRESS: number;
export declare const UFFD_FEATURE_WP_HUGETLBFS_SHMEM: number;
export declare const UFFD_FEATURE_WP_UNPOPULATED: number;
export declare const UFFD_FEATURE_POISON: number;
export declare const UFFD_FEATURE_WP_ASYNC: number;
export declare const UFFD_FEATURE_MOVE: number;
/** Bit numbers of the ioctls masks (_UFFDIO_*); index = bit. API is bit 63. */
export declare const UFFDIO_BIT_NAMES: Record<number, string>;
export declare const UFFDIO_API = 3222841919;
export declare const UFFDIO_REGISTER = 3223366144;
export declare const UFFDIO_UNREGISTER = 2148575745;
export declare const UFFDIO_WAKE = 2148575746;
export declare const UFFDIO_COPY = 3223890435;
export declare const UFFDIO_ZEROPAGE = 3223366148;
export declare const UFFDIO_MOVE = 3223890437;
export declare const UFFDIO_WRITEPROTECT = 3222841862;
export declare const UFFDIO_CONTINUE = 3223366151;
export declare const UFFDIO_POISON = 3223366152;
export declare const UFFDIO_REGISTER_MODE_MISSING: number;
export declare const UFFDIO_REGISTER_MODE_WP: number;
export declare const UFFDIO_REGISTER_MODE_MINOR: number;
export declare const UFFDIO_COPY_MODE_DONTWAKE: number;
export declare const UFFDIO_COPY_MODE_WP: number;
export declare const UFFDIO_ZEROPAGE_MODE_DONTWAKE: number;
export declare const UFFDIO_WRITEPROTECT_MODE_WP: number;
export declare const UFFDIO_WRITEPROTECT_MODE_DONTWAKE: number;
export declare const UFFDIO_CONTINUE_MODE_DONTWAKE: number;
export declare const UFFDIO_CONTINUE_MODE_WP: number;
export declare const UFFDIO_POISON_MODE_DONTWAKE: number;
export declare const UFFDIO_MOVE_MODE_DONTWAKE: number;
export declare const UFFDIO_MOVE_MODE_ALLOW_SRC_HOLES: number;
export declare const UFFD_PAGEFAULT_FLAG_WRITE: number;
export declare const UFFD_PAGEFAULT_FLAG_WP: number;
export declare const UFFD_PAGEFAULT_FLAG_MINOR: number;
/** Every constant a script may name (mms.md section 1), including NULL. */
export declare const UAPI_CONSTANTS: ReadonlyMap<string, bigint>;
