/// <reference types="vite/client" />
/**
 * art-cmc-copy: one cycle of Android ART's concurrent mark-compact collector in copy mode
 * (runtime/gc/collector/mark_compact.cc), reduced to an 8-page heap.
 */
import source from './art-cmc-copy.mms?raw';
import { R } from './refs';
import { step, type Scenario } from './types';

export const artCmcCopy: Scenario = {
  id: 'art-cmc-copy',
  file: 'art-cmc-copy.mms',
  title: 'ART concurrent mark-compact GC: copy mode',
  summary:
    'One cycle of Android’s CMC garbage collector: the heap’s pages move to a from-space in the pause, then the GC and any mutator that touches the heap compact it back page by page with UFFDIO_COPY (SIGBUS mode) and UFFDIO_ZEROPAGE.',
  tags: [
    'Android',
    'ART',
    'GC',
    'compaction',
    'userfaultfd',
    'MREMAP_DONTUNMAP',
    'UFFDIO_COPY',
    'UFFDIO_ZEROPAGE',
    'UFFD_FEATURE_SIGBUS',
    'SIGBUS',
  ],
  source,
  profile: '6.18',
  narration: [
    step(
      0,
      '',
      'Android’s runtime (ART) compacts the Java heap while the app keeps running: it moves all heap pages away in one short pause, then rebuilds the heap page by page, and userfaultfd lets an app thread that touches a page not yet rebuilt build it itself. A compacting GC slides live objects together so that free memory is one block. Here the heap is 8 pages; letters tag the objects in a page.',
      [R.artCompactMovingSpace, R.uffdDoc],
    ),
    step(
      5,
      'uffd = userfaultfd(',
      'userfaultfd(2) creates a file descriptor through which a program handles page faults on memory it registers. ART creates it once, with O_CLOEXEC (and UFFD_USER_MODE_ONLY on Android).',
      [R.userfaultfd, R.artCreateUserfaultfd],
    ),
    step(
      6,
      'ioctl(uffd, UFFDIO_API',
      'UFFDIO_API agrees on the features. UFFD_FEATURE_SIGBUS: a fault on a registered, missing page sends SIGBUS to the faulting thread instead of queueing a message for a handler thread (handle_userfault() returns VM_FAULT_SIGBUS). ART’s SIGBUS handler then compacts that page itself. The reply lists every feature this kernel supports.',
      [R.uffdioApi, R.handleUserfault],
    ),
    step(
      7,
      'heap = mmap(',
      'The moving space: ART’s bump-pointer heap, private anonymous memory. ART places it at a fixed, PMD-aligned address so that moving it is cheap (see the pagetable-levels scenario).',
      [R.mmap],
    ),
    step(
      8,
      'from = mmap(',
      'The from-space: an address range of the same size, reserved PROT_NONE when the collector starts. Nothing is allocated; it only keeps other mappings out.',
      [R.mmap, R.artKernelPreparation],
    ),
    step(
      11,
      'store(heap, 8K',
      'App threads (mutators) allocate objects: two pages of live objects, A. Each first write allocates a frame.',
      [R.doAnonymousPage],
    ),
    step(
      12,
      'store(heap + 8K',
      'Two pages of objects (x) that will turn out to be garbage: marking finds nothing pointing to them.',
    ),
    step(
      13,
      'store(heap + 16K',
      'Two more pages of live objects, B. The last two pages are still free.',
    ),
    step(14, 'pagemap(heap', 'Six pages present, each its own frame; the free tail has no PTEs.', [
      R.pagemapDoc,
    ]),
    step(
      18,
      'mremap(heap,',
      'The compaction pause (all mutators stopped). KernelPrepareRangeForUffd(): mremap(MAYMOVE|FIXED|DONTUNMAP) moves every PTE of the heap onto the from-space reservation in one call: page-table entries move, not pages, so even a large PMD-aligned heap takes well under a millisecond. The heap VMA stays mapped, empty: without DONTUNMAP ART would have to mmap it again, leaving a window in which another thread could take the address range (the reason MREMAP_DONTUNMAP was added).',
      [R.artKernelPreparation, R.dontunmapCommit, R.moveVma],
    ),
    step(
      19,
      'ioctl(uffd, UFFDIO_REGISTER',
      'Register the empty heap for MISSING faults: from now on, touching a page with no PTE raises a userfault instead of mapping a zero page. The reply lists the ioctls usable on the range (COPY, ZEROPAGE, ...). Then the pause ends and mutators run again.',
      [R.uffdioRegister, R.userfaultfdRegister],
    ),
    step(
      20,
      'maps()',
      'The heap VMA carries `um` (VM_UFFD_MISSING). The from-space took over the heap’s VMA (rw-p) and holds the old pages.',
      [R.taskMmuC],
    ),
    step(21, 'pagemap(heap, 32K, from', 'All the pages are in the from-space; the heap has none.', [
      R.pagemapDoc,
    ]),
    step(
      25,
      'ioctl(uffd, UFFDIO_COPY, heap + 12K',
      'The GC thread compacts top-down (CompactMovingSpace() walks the heap in reverse). After compaction B sits right after A: pages 2-3. Page 3 of the new heap is built from from-space page 5 and mapped with UFFDIO_COPY, which allocates a frame, copies the 4 KiB into it and installs the PTE atomically, so no thread ever sees a half-built page. (ART builds each page in a buffer first, updating the references inside the objects, then copies from that buffer.)',
      [R.uffdioCopy, R.mfillAtomic, R.artCompactMovingSpace],
    ),
    step(
      26,
      '@mutator load(heap + 4K',
      'Meanwhile a mutator reads page 1, not built yet: the PTE is missing and the range is registered, so handle_userfault() runs, and with UFFD_FEATURE_SIGBUS the thread gets SIGBUS (BUS_ADRERR) at that address.',
      [R.handleUserfault, R.artSigbusHandler],
    ),
    step(
      27,
      'ioctl(uffd, UFFDIO_COPY, heap + 4K',
      'ART’s SigbusHandler() runs on the mutator: ConcurrentlyProcessMovingPage() claims the page (an atomic state per page, so GC and mutators never build the same page twice), compacts it into the thread’s buffer and maps it with UFFDIO_COPY.',
      [R.artSigbusHandler, R.artConcurrentlyProcessMovingPage, R.uffdioCopy],
    ),
    step(
      28,
      '@mutator load(heap + 4K',
      'The handler returns and the faulting load is retried: it now reads the object (A).',
    ),
    step(
      29,
      'ioctl(uffd, UFFDIO_COPY, heap + 8K',
      'The GC thread goes on down: page 2 gets the first page of B.',
      [R.uffdioCopy],
    ),
    step(
      30,
      'ioctl(uffd, UFFDIO_COPY, heap + 4K',
      'Page 1 is already mapped (the mutator did it). ART never issues this call, its page state says the page is done; had it done so, the kernel would refuse: EEXIST, copy=-17, the page stays as it is.',
      [R.uffdioCopy],
    ),
    step(
      31,
      'ioctl(uffd, UFFDIO_COPY, heap, from, 4K',
      'Page 0. A did not move, but every page must be mapped again: after the pause the heap had no PTEs at all.',
      [R.uffdioCopy],
    ),
    step(
      32,
      '@mutator load(heap + 20K',
      'A mutator touches page 5, which holds no objects after compaction: SIGBUS again.',
      [R.handleUserfault],
    ),
    step(
      33,
      'ioctl(uffd, UFFDIO_ZEROPAGE',
      'For a page with no objects, the handler maps the shared zero page with UFFDIO_ZEROPAGE: no copy, no new frame.',
      [R.uffdioZeropage, R.mfillAtomicPteZeropage, R.artConcurrentlyProcessMovingPage],
    ),
    step(34, '@mutator load(heap + 20K', 'The retried load reads zeros.'),
    step(
      35,
      'pagemap(heap, 32K, from',
      'The new heap: A A B B in four new frames (UFFDIO_COPY copies), the zero page at page 5. The from-space still holds all six old frames.',
      [R.pagemapDoc],
    ),
    step(
      38,
      'ioctl(uffd, UFFDIO_UNREGISTER',
      'CompactionPhase(): when every page is done, ART unregisters the heap; faults there are ordinary faults again (a missing page reads as zeros).',
      [R.uffdioUnregister, R.artCompactionPhase],
    ),
    step(
      39,
      'madvise(from, 32K, MADV_DONTNEED',
      'And frees the from-space’s pages with MADV_DONTNEED (MadviseDontNeedAndZero()); the reservation stays for the next cycle, whose mremap replaces it again.',
      [R.madvise, R.artCompactionPhase],
    ),
    step(40, 'load(heap, 32K', 'The compacted heap: A A B B, then free space.'),
    step(
      41,
      'pagemap(heap, 32K, from',
      'Four frames in use instead of six: the garbage pages are gone, the free pages map the zero page, the from-space is empty.',
      [R.pagemapDoc],
    ),
    step(
      42,
      'maps()',
      'The heap is no longer registered (no `um`). Both VMAs remain for the next cycle.',
      [R.taskMmuC],
    ),
  ],
  variants: [],
};
