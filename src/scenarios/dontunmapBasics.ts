/// <reference types="vite/client" />
/**
 * dontunmap-basics: MREMAP_DONTUNMAP on private anonymous memory and on a memfd mapped
 * MAP_SHARED, under Linux 6.18 (the recorded kernel) and, via the profile switch, 5.7.
 */
import source from './dontunmap-basics.mms?raw';
import { R } from './refs';
import { step, type Scenario } from './types';

export const dontunmapBasics: Scenario = {
  id: 'dontunmap-basics',
  file: 'dontunmap-basics.mms',
  title: 'MREMAP_DONTUNMAP: anonymous vs shared memory',
  summary:
    'Move the pages of a private anonymous region and of a memfd mapping with MREMAP_DONTUNMAP: what moves, what stays, what a later touch sees. Switch to Linux 5.7 to see the shared case refused.',
  tags: ['mremap', 'MREMAP_DONTUNMAP', 'memfd', 'shmem', 'MAP_SHARED', 'zero page', '5.7', '5.13'],
  source,
  profile: '6.18',
  narration: [
    step(
      0,
      '',
      'mremap(2) moves a mapping to a new address. With MREMAP_DONTUNMAP (Linux 5.7) the page-table entries move as usual, but the old range stays mapped, empty. 5.7 allowed it on private anonymous memory only; 5.13 allowed any mapping without VM_DONTEXPAND or VM_PFNMAP, so shared memory too. Step with → to follow.',
      [R.mremap, R.dontunmapCommit],
    ),
    step(
      6,
      'anon = mmap(',
      'A private anonymous mapping (what malloc uses for large blocks). mmap only creates a VMA, the kernel’s record of an address range and its permissions; no memory is allocated yet. top - 1T is a fixed spot far below the runtime, so every address prints relative to a name.',
      [R.mmap, R.mmapC],
    ),
    step(
      7,
      'store(anon',
      'The first write to each page faults: do_anonymous_page() allocates a zeroed physical page (a frame), maps it with a page-table entry (PTE), and the store fills it with A. Four pages, four PTEs, four frames.',
      [R.doAnonymousPage],
    ),
    step(
      8,
      'fd = memfd_create(',
      'memfd_create(2) makes an anonymous file in RAM (shmem). Its pages belong to the file’s page cache, not to any one mapping, so every mapping of the file sees the same pages.',
      [R.memfdCreate, R.shmemC],
    ),
    step(
      9,
      'ftruncate(',
      'The file gets its size, 16 KiB. Nothing is allocated until a page is touched.',
      [R.ftruncate],
    ),
    step(
      10,
      'shm = mmap(',
      'MAP_SHARED maps the file itself: writes go to the page cache, where any other mapping of the file sees them.',
      [R.mmap],
    ),
    step(
      11,
      'store(shm',
      'Each write fault goes through shmem_fault(): the page is added to the file’s page cache at its offset and mapped here. pagemap will flag these pages file.',
      [R.shmemFault],
    ),
    step(
      15,
      'anew = mmap(',
      'A destination for the anonymous region, reserved with PROT_NONE: nothing can be read or written there, the address range is just taken. Android’s GC reserves its destination the same way, then moves onto it with MREMAP_FIXED.',
      [R.mmap],
    ),
    step(16, 'snew = mmap(', 'And a reserved destination for the shared one.', [R.mmap]),
    step(
      19,
      'mremap(anon,',
      'MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP: mremap_to() replaces the reservation at anew, move_vma() creates a copy of the VMA there and move_page_tables() moves the four PTEs, so the same frames now sit at anew. With DONTUNMAP the old VMA is not unmapped: dontunmap_complete() only clears VM_LOCKED and VM_LOCKONFAULT on it.',
      [R.mremapTo, R.moveVma, R.dontunmapComplete],
    ),
    step(
      20,
      'mremap(shm,',
      'The same on the shared memfd mapping, allowed since Linux 5.13: the PTEs move to snew, and the page cache keeps every page.',
      [R.mremap, R.checkMremapParams],
    ),
    step(
      21,
      'maps()',
      'Four VMAs: the sources still mapped with their permissions (rw-p, rw-s), and the destinations, which took over the flags of what moved there (the PROT_NONE reservations are gone).',
      [R.taskMmuC],
    ),
    step(
      22,
      'pagemap(anon,',
      'pagemap reads /proc/self/pagemap: the old anonymous range has no PTEs at all; anew maps four frames (#1..#4 label the physical pages), exclusively (excl).',
      [R.pagemapDoc],
    ),
    step(
      23,
      'pagemap(shm,',
      'The same for shmem: old range empty, the page-cache pages mapped at snew.',
      [R.pagemapDoc],
    ),
    step(
      26,
      'load(anon,',
      'Reading the old anonymous range faults like a never-touched mapping: do_anonymous_page() maps the shared zero page, so the reads see zeros (.). This is where Android’s GC and Chrome OS register a userfaultfd, so that such a fault reaches them instead (mremap(2)).',
      [R.doAnonymousPage, R.mremap],
    ),
    step(27, 'load(anew,', 'The moved data is intact at the new address.'),
    step(
      28,
      'load(shm,',
      'The old shared range refaults from the page cache: shmem_fault() finds each page at its file offset and maps it again. The data (S) is still there: DONTUNMAP moved only the PTEs, and the pages belong to the file.',
      [R.shmemFault],
    ),
    step(29, 'load(snew,', 'The new shared range reads the same data.'),
    step(
      30,
      'pagemap(anon,',
      'Frame labels are per call, and the same label means the same physical page. The old anonymous range maps the zero page four times; the old and new shared ranges map the same page-cache pages (#5..#8 twice).',
      [R.pagemapDoc],
    ),
    step(
      33,
      'store(anon,',
      'A write to a zero-page PTE is a copy-on-write fault (do_wp_page()): a new private page replaces the zero page.',
      [R.doWpPage],
    ),
    step(
      34,
      'load(anew,',
      'anew is unaffected: the two anonymous ranges now have nothing in common.',
    ),
    step(
      35,
      'store(shm,',
      'A write through the old shared range writes the page-cache page that snew maps too.',
      [R.shmemC],
    ),
    step(
      36,
      'load(snew,',
      'snew sees the write (T): after DONTUNMAP on shared memory, old and new ranges are two views of one file.',
    ),
  ],
  variants: [
    {
      profile: '5.7',
      label: 'Linux 5.7',
      narration: [
        step(
          0,
          '',
          'Linux 5.7, where MREMAP_DONTUNMAP was introduced: it moves the page-table entries and leaves the old range mapped, empty, but only for private anonymous memory; a shared mapping gets EINVAL. Step with → to follow.',
          [R.dontunmapCommit, R.dontunmapPatch],
        ),
        step(
          20,
          'mremap(shm,',
          'EINVAL: 5.7 allows MREMAP_DONTUNMAP on private anonymous VMAs only (vma_to_resize(); 5.13 lifted this). mremap_to() had already unmapped the destination with do_munmap() before that check, so the reservation at snew is gone too.',
          [R.dontunmapCommit, R.mremapC],
        ),
        step(
          21,
          'maps()',
          'Three VMAs: the anonymous source and its destination, and the shared mapping, untouched. snew is no longer mapped at all.',
          [R.taskMmuC],
        ),
        step(23, 'pagemap(shm,', 'The shared mapping still maps its pages; snew has nothing.', [
          R.pagemapDoc,
        ]),
        step(29, 'load(snew,', 'SIGSEGV: nothing is mapped at snew any more.'),
        step(
          30,
          'pagemap(anon,',
          'The anonymous ranges as in 6.18 (zero page in the old range, the moved frames at anew); the shared pages never moved.',
          [R.pagemapDoc],
        ),
        step(
          36,
          'load(snew,',
          'SIGSEGV again: in 5.7 the shared mapping could not be moved this way at all.',
        ),
      ],
    },
  ],
};
