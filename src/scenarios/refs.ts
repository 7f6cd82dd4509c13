/**
 * The sources the narration cites, in one place so that every scenario links the same page for
 * the same thing. Kernel files link to Elixir at the version the oracle runs (6.18); functions
 * link to Elixir's identifier search, which lists their definition.
 */
import type { SourceRef } from './types';

const ELIXIR = 'https://elixir.bootlin.com/linux/v6.18';
const MAN7 = 'https://man7.org/linux/man-pages';
const ART = 'https://android.googlesource.com/platform/art/+/refs/heads/main';
/** ART's minor-fault mode was removed from main later; Android 14 still has it. */
const ART14 = 'https://android.googlesource.com/platform/art/+/refs/heads/android14-release';

export function kfile(path: string): SourceRef {
  return { label: path, url: `${ELIXIR}/source/${path}` };
}

export function kfn(name: string, file: string): SourceRef {
  return { label: `${name}() (${file})`, url: `${ELIXIR}/A/ident/${name}` };
}

export function man(page: string, section = '2'): SourceRef {
  return { label: `${page}(${section})`, url: `${MAN7}/man${section[0]}/${page}.${section}.html` };
}

export function commit(id: string, title: string): SourceRef {
  return {
    label: `commit ${id.slice(0, 12)} "${title}"`,
    url: `https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git/commit/?id=${id}`,
  };
}

export function art(fn: string, branch: 'main' | 'android14' = 'main'): SourceRef {
  const base = branch === 'main' ? ART : ART14;
  return {
    label: `ART MarkCompact::${fn}${branch === 'main' ? '' : ' (Android 14)'}`,
    url: `${base}/runtime/gc/collector/mark_compact.cc`,
  };
}

export const R = {
  mremap: man('mremap'),
  mmap: man('mmap'),
  munmap: man('munmap'),
  madvise: man('madvise'),
  mprotect: man('mprotect'),
  memfdCreate: man('memfd_create'),
  ftruncate: man('ftruncate'),
  fallocate: man('fallocate'),
  userfaultfd: man('userfaultfd'),
  ioctlUffd: man('ioctl_userfaultfd'),
  uffdioApi: man('UFFDIO_API', '2const'),
  uffdioRegister: man('UFFDIO_REGISTER', '2const'),
  uffdioCopy: man('UFFDIO_COPY', '2const'),
  uffdioZeropage: man('UFFDIO_ZEROPAGE', '2const'),
  uffdioContinue: man('UFFDIO_CONTINUE', '2const'),
  uffdioMove: man('UFFDIO_MOVE', '2const'),
  uffdioUnregister: man('UFFDIO_UNREGISTER', '2const'),
  pagemapDoc: {
    label: 'Documentation/admin-guide/mm/pagemap.rst',
    url: 'https://docs.kernel.org/admin-guide/mm/pagemap.html',
  },
  uffdDoc: {
    label: 'Documentation/admin-guide/mm/userfaultfd.rst',
    url: 'https://docs.kernel.org/admin-guide/mm/userfaultfd.html',
  },
  mremapC: kfile('mm/mremap.c'),
  memoryC: kfile('mm/memory.c'),
  shmemC: kfile('mm/shmem.c'),
  userfaultfdC: kfile('fs/userfaultfd.c'),
  mmUserfaultfdC: kfile('mm/userfaultfd.c'),
  taskMmuC: kfile('fs/proc/task_mmu.c'),
  mmapC: kfile('mm/mmap.c'),
  moveVma: kfn('move_vma', 'mm/mremap.c'),
  dontunmapComplete: kfn('dontunmap_complete', 'mm/mremap.c'),
  mremapTo: kfn('mremap_to', 'mm/mremap.c'),
  checkMremapParams: kfn('check_mremap_params', 'mm/mremap.c'),
  movePageTables: kfn('move_page_tables', 'mm/mremap.c'),
  moveNormalPud: kfn('move_normal_pud', 'mm/mremap.c'),
  moveNormalPmd: kfn('move_normal_pmd', 'mm/mremap.c'),
  movePtes: kfn('move_ptes', 'mm/mremap.c'),
  doAnonymousPage: kfn('do_anonymous_page', 'mm/memory.c'),
  doWpPage: kfn('do_wp_page', 'mm/memory.c'),
  shmemFault: kfn('shmem_fault', 'mm/shmem.c'),
  shmemGetFolioGfp: kfn('shmem_get_folio_gfp', 'mm/shmem.c'),
  handleUserfault: kfn('handle_userfault', 'fs/userfaultfd.c'),
  userfaultfdRegister: kfn('userfaultfd_register', 'fs/userfaultfd.c'),
  userfaultfdUnregister: kfn('userfaultfd_unregister', 'fs/userfaultfd.c'),
  mfillAtomic: kfn('mfill_atomic', 'mm/userfaultfd.c'),
  mfillAtomicPteZeropage: kfn('mfill_atomic_pte_zeropage', 'mm/userfaultfd.c'),
  mfillAtomicPteContinue: kfn('mfill_atomic_pte_continue', 'mm/userfaultfd.c'),
  movePages: kfn('move_pages', 'mm/userfaultfd.c'),
  userfaultfdRead: kfn('userfaultfd_ctx_read', 'fs/userfaultfd.c'),
  zapPageRange: kfn('zap_page_range_single', 'mm/memory.c'),
  shmemFallocate: kfn('shmem_fallocate', 'mm/shmem.c'),
  dontunmapCommit: commit('e346b3813067', 'mm/mremap: add MREMAP_DONTUNMAP to mremap()'),
  dontunmapPatch: {
    label: 'MREMAP_DONTUNMAP patch v7 (Brian Geffon, 2020)',
    url: 'https://lore.kernel.org/r/20200221174248.244748-1-bgeffon@google.com',
  },
  pmdMoveCommit: commit(
    '2c91bd4a4e2e530582d6fd643ea7b86b27907151',
    'mm: speed up mremap by 20x on large regions',
  ),
  mirrorPrivateCommit: commit(
    'dba58d3b8c5045ad89c1c95d33d01451e3964db7',
    'mm/mremap: fail map duplication attempts for private mappings',
  ),
  mirrorRfc: {
    label: '[RFC PATCH 0/1] mm/mremap: add MREMAP_MIRROR flag (Mike Kravetz, July 2017)',
    url: 'https://lkml.iu.edu/hypermail/linux/kernel/1707.0/03460.html',
  },
  mirrorManPatch: {
    label: '[patch] mremap.2: Add description of old_size == 0 functionality (2017)',
    url: 'https://lkml.iu.edu/hypermail/linux/kernel/1709.1/04733.html',
  },
  uffdMovePatch: {
    label: 'userfaultfd: UFFDIO_MOVE uABI (Andrea Arcangeli, Suren Baghdasaryan; Linux 6.8)',
    url: 'https://lore.kernel.org/all/20231206103702.3873743-3-surenb@google.com/',
  },
  artKernelPreparation: art('KernelPreparation / KernelPrepareRangeForUffd'),
  artCompactMovingSpace: art('CompactMovingSpace'),
  artSigbusHandler: art('SigbusHandler'),
  artConcurrentlyProcessMovingPage: art('ConcurrentlyProcessMovingPage'),
  artCompactionPhase: art('CompactionPhase'),
  artCreateUserfaultfd: art('CreateUserfaultfd'),
  artMinorKernelPreparation: art('KernelPreparation', 'android14'),
  artMapProcessedPages: art('MapProcessedPages', 'android14'),
  artMinorCompactionPhase: art('CompactionPhase', 'android14'),
} as const;
