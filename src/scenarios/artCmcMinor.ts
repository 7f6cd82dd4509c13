/// <reference types="vite/client" />
/**
 * art-cmc-minor: ART's concurrent mark-compact in minor-fault mode (Android 14's collector): a
 * memfd heap, a shadow mapping of the to-space file, MINOR registration, UFFDIO_CONTINUE batches.
 */
import source from './art-cmc-minor.mms?raw';
import { R } from './refs';
import { step, type Scenario } from './types';

export const artCmcMinor: Scenario = {
  id: 'art-cmc-minor',
  file: 'art-cmc-minor.mms',
  title: 'ART concurrent mark-compact GC: minor-fault mode',
  summary:
    'The same compaction without copying pages into place: the heap is a memfd, the GC writes compacted pages through a second (shadow) mapping of the to-space file, and maps finished pages into the heap in batches with UFFDIO_CONTINUE.',
  tags: [
    'Android',
    'ART',
    'GC',
    'compaction',
    'userfaultfd',
    'memfd',
    'shmem',
    'UFFDIO_REGISTER_MODE_MINOR',
    'UFFDIO_CONTINUE',
    'minor fault',
    'fallocate',
  ],
  source,
  profile: '6.18',
  narration: [
    step(
      0,
      '',
      'Copy mode (art-cmc-copy) pays for a copy of every page: the page is built in a buffer, then UFFDIO_COPY copies it into a new frame. Minor-fault mode (Android 14’s collector, on kernels with shmem minor faults, 5.14+) builds each page directly in its final frame: the heap is a shared-memory file, the GC writes the page through a second mapping of that file, and UFFDIO_CONTINUE only installs the PTE.',
      [R.artMinorKernelPreparation, R.uffdioContinue],
    ),
    step(6, 'uffd = userfaultfd(', 'The userfaultfd, as in copy mode.', [R.userfaultfd]),
    step(
      7,
      'ioctl(uffd, UFFDIO_API',
      'ART asks for MISSING_SHMEM (faults on shared memory with no page) and MINOR_SHMEM (faults on shared memory whose page is in the page cache but not mapped here), the two it needs. Without SIGBUS: here a faulting thread waits and a GC worker reads the message.',
      [R.uffdioApi],
    ),
    step(
      8,
      'a = memfd_create(',
      'Two memfds, the from-space and to-space files. Each GC cycle swaps their roles (moving_from_space_fd_ / moving_to_space_fd_).',
      [R.memfdCreate, R.artMinorKernelPreparation],
    ),
    step(9, 'ftruncate(a', 'Each file is as large as the heap.', [R.ftruncate]),
    step(10, 'b = memfd_create(', 'The second file, heap-b: this cycle’s to-space.', [
      R.memfdCreate,
    ]),
    step(11, 'ftruncate(b', 'Empty, 32 KiB.', [R.ftruncate]),
    step(
      12,
      'heap = mmap(',
      'The heap maps heap-a, MAP_SHARED: its pages live in heap-a’s page cache.',
      [R.mmap],
    ),
    step(13, 'from = mmap(', 'The from-space reservation, PROT_NONE.', [R.mmap]),
    step(14, 'shadow = mmap(', 'The shadow reservation: where the GC will see the to-space file.', [
      R.mmap,
    ]),
    step(16, 'store(heap, 8K', 'Mutators allocate: live objects A (pages 0-1) ...', [R.shmemFault]),
    step(17, 'store(heap + 8K', '... garbage x (pages 2-3) ...'),
    step(
      18,
      'store(heap + 16K',
      '... and live objects B (pages 4-5). Each page was added to heap-a’s page cache.',
    ),
    step(
      21,
      'mremap(heap,',
      'The pause. The heap’s PTEs move onto the from-space with MREMAP_DONTUNMAP, allowed on shared memory since 5.13: the from-space now maps heap-a with the old pages.',
      [R.artMinorKernelPreparation, R.mremap],
    ),
    step(
      22,
      'mmap(heap,',
      'The heap address is mapped again, MAP_FIXED, on the to-space file heap-b, which has no pages yet. (A DONTUNMAP source still maps heap-a, whose cache holds the old data: a touch would refault it, so it must be replaced.)',
      [R.mmap, R.artMinorKernelPreparation],
    ),
    step(
      23,
      'mmap(shadow,',
      'The shadow maps the same file, heap-b. Whatever the GC writes through the shadow lands in heap-b’s page cache, ready for the heap.',
      [R.mmap],
    ),
    step(
      24,
      'ioctl(uffd, UFFDIO_REGISTER',
      'Register MISSING|MINOR, only for the pages compaction will fill (16 KiB: A A B B); the free tail stays an ordinary mapping. MINOR: a fault on a page that is in the cache but not mapped here goes to the handler. The reply now includes CONTINUE.',
      [R.uffdioRegister, R.userfaultfdRegister],
    ),
    step(
      25,
      'maps()',
      'The registration split the heap VMA: `um ui` (VM_UFFD_MISSING, VM_UFFD_MINOR) on the first 16 KiB. from-space maps heap-a; heap and shadow both map heap-b.',
      [R.taskMmuC],
    ),
    step(
      29,
      '@gc store(shadow + 12K',
      'The GC thread compacts top-down, writing page 3 of the new heap (the second page of B) through the shadow: a new page in heap-b’s cache, not mapped in the heap.',
      [R.artCompactMovingSpace, R.shmemFault],
    ),
    step(
      30,
      '@m1 load(heap + 12K',
      'A mutator reads that page in the heap: no PTE, but the page is in the cache, so this is a minor fault. The range is registered MINOR: handle_userfault() queues a message and the thread sleeps.',
      [R.handleUserfault],
    ),
    step(
      31,
      'read(uffd)',
      'A GC worker reads the message: a fault at heap+0x3000, flags=MINOR. The page is being processed; the worker will map it when done.',
      [R.userfaultfdRead, R.uffdDoc],
    ),
    step(32, '@gc store(shadow + 8K', 'The GC writes page 2 (the first page of B).'),
    step(
      33,
      'ioctl(uffd, UFFDIO_CONTINUE',
      'MapProcessedPages() claims every contiguous finished page and maps them in one UFFDIO_CONTINUE: it installs PTEs to the cache pages, copying nothing (mapped=8K), and wakes threads waiting in that range.',
      [R.uffdioContinue, R.mfillAtomicPteContinue, R.artMapProcessedPages],
    ),
    step(34, 'wait(m1)', 'The woken mutator retries its load and reads B.'),
    step(
      35,
      '@m2 load(heap + 4K',
      'Another mutator reads page 1, not compacted yet: no page in heap-b’s cache, so this is a missing fault (flags=0). It sleeps too.',
      [R.handleUserfault],
    ),
    step(36, 'read(uffd)', 'The message: heap+0x1000, flags=0 (MISSING).', [R.userfaultfdRead]),
    step(37, '@gc store(shadow, 8K', 'The worker compacts pages 0 and 1 (A) into the shadow.'),
    step(38, 'ioctl(uffd, UFFDIO_CONTINUE, heap, 8K', 'One CONTINUE maps both and wakes m2.', [
      R.uffdioContinue,
    ]),
    step(39, 'wait(m2)', 'm2 reads A.'),
    step(
      40,
      'pagemap(heap, 32K, shadow',
      'The heap and the shadow map the same four frames (#1..#4 twice): the pages the GC wrote are the heap’s pages, no copy was made.',
      [R.pagemapDoc],
    ),
    step(43, 'ioctl(uffd, UFFDIO_UNREGISTER', 'Compaction is done: unregister the heap.', [
      R.uffdioUnregister,
      R.artMinorCompactionPhase,
    ]),
    step(
      44,
      'mprotect(from',
      'CompactionPhase() makes the from-space PROT_NONE first, so that no stray access (ART saw prefetches) can touch heap-a, which becomes the next cycle’s to-space.',
      [R.mprotect, R.artMinorCompactionPhase],
    ),
    step(
      45,
      'fallocate(a',
      'Then frees heap-a’s pages by punching a hole in the file (MADV_REMOVE would need PROT_WRITE): the page cache and every PTE to it go.',
      [R.fallocate, R.shmemFallocate],
    ),
    step(
      46,
      'load(heap, 32K',
      'A A B B, then the free tail, which now gets fresh zeroed shmem pages on first touch.',
    ),
    step(
      47,
      'pagemap(heap, 32K, shadow',
      'The heap’s four live pages are still the shadow’s; the tail pages are new (excl: only the heap maps them); the from-space maps nothing.',
      [R.pagemapDoc],
    ),
    step(
      48,
      'maps()',
      'The heap VMAs merged again after UNREGISTER; from-space is ---s, ready to be the next to-space.',
      [R.taskMmuC],
    ),
  ],
  variants: [],
};
