/// <reference types="vite/client" />
/**
 * uffd-move: heap compaction with UFFDIO_MOVE (6.8+): pages move into place, keeping their
 * physical frames. The PFNs show in the Physical memory pane.
 */
import source from './uffd-move.mms?raw';
import { R } from './refs';
import { step, type Scenario } from './types';

export const uffdMove: Scenario = {
  id: 'uffd-move',
  file: 'uffd-move.mms',
  title: 'Zero-copy compaction with UFFDIO_MOVE',
  summary:
    'Compaction by moving pages instead of copying them (Linux 6.8): each page keeps its physical frame, only the page-table entry changes. Plus what MOVE refuses: holes, and populated destinations.',
  tags: [
    'UFFDIO_MOVE',
    'userfaultfd',
    'GC',
    'compaction',
    'zero copy',
    'PFN',
    '6.8',
    'ALLOW_SRC_HOLES',
  ],
  source,
  profile: '6.18',
  narration: [
    step(
      0,
      '',
      'UFFDIO_COPY allocates a new page and copies 4 KiB into it. UFFDIO_MOVE (Linux 6.8) moves the page itself: the source PTE is cleared and the destination PTE points at the same frame. Its authors measured COPY about 20% faster when a page must be allocated anyway, but a compacting GC already has the pages, so moving them avoids the allocation and the copy. Select a page to see its PFN in the Physical memory pane: it stays the same.',
      [R.uffdioMove, R.uffdMovePatch],
    ),
    step(5, 'uffd = userfaultfd(', 'As in ART’s copy mode.', [R.userfaultfd]),
    step(6, 'ioctl(uffd, UFFDIO_API', 'SIGBUS mode; MOVE is in the feature list (bit MOVE).', [
      R.uffdioApi,
    ]),
    step(7, 'heap = mmap(', 'An 8-page heap.', [R.mmap]),
    step(8, 'from = mmap(', 'The from-space reservation.', [R.mmap]),
    step(9, 'store(heap, 8K', 'Live objects A ...', [R.doAnonymousPage]),
    step(10, 'store(heap + 8K', '... garbage x ...'),
    step(11, 'store(heap + 16K', '... live objects B.'),
    step(
      14,
      'mremap(heap,',
      'The pause: the pages go to the from-space with MREMAP_DONTUNMAP, as in copy mode.',
      [R.mremap, R.artKernelPreparation],
    ),
    step(
      15,
      'ioctl(uffd, UFFDIO_REGISTER',
      'The heap is registered for missing faults. MOVE requires the destination to be registered with this uffd.',
      [R.uffdioRegister],
    ),
    step(16, 'pagemap(from, 32K, heap', 'Six frames in the from-space (#5 and #6 are B).', [
      R.pagemapDoc,
    ]),
    step(
      19,
      'ioctl(uffd, UFFDIO_MOVE, heap + 8K',
      'Compaction slides B down two pages. One MOVE of 8 KiB: move_pages() takes both PTEs out of the from-space and puts them into the heap, same frames, and rewrites the pages’ reverse-mapping index for their new place. move=8K.',
      [R.movePages, R.uffdioMove],
    ),
    step(
      20,
      'pagemap(from, 32K, heap',
      'B’s pages are gone from the from-space and present in the heap. With COPY both ranges would hold a copy; here there is one page each, moved. (Labels are numbered per call: the Physical memory pane shows the PFNs, unchanged.)',
      [R.pagemapDoc],
    ),
    step(21, '@mutator load(heap, 4K', 'A mutator touches page 0: SIGBUS, as in copy mode.', [
      R.handleUserfault,
    ]),
    step(
      22,
      'ioctl(uffd, UFFDIO_MOVE, heap, from, 8K',
      'Its handler moves A’s two pages into place. They do not change address relative to the heap, but they must still come back from the from-space.',
      [R.uffdioMove],
    ),
    step(23, '@mutator load(heap, 8K', 'The retried load reads A.'),
    step(
      26,
      'ioctl(uffd, UFFDIO_MOVE, heap + 16K',
      'Moving from a range with no pages (from-space pages 6-7 were never used): ENOENT, move=-2. MOVE refuses to move a hole unless asked.',
      [R.uffdioMove],
    ),
    step(
      27,
      'ioctl(uffd, UFFDIO_MOVE, heap + 16K',
      'With UFFDIO_MOVE_MODE_ALLOW_SRC_HOLES, holes count as moved: move=8K, and the destination stays empty. Useful to move whole 2 MiB regions without knowing which pages exist.',
      [R.uffdioMove],
    ),
    step(
      28,
      'ioctl(uffd, UFFDIO_MOVE, heap + 8K',
      'MOVE never overwrites: heap+8K already holds B, so moving the garbage page there fails with EEXIST.',
      [R.uffdioMove],
    ),
    step(31, 'ioctl(uffd, UFFDIO_UNREGISTER', 'Compaction done.', [R.uffdioUnregister]),
    step(
      32,
      'pagemap(from, 32K, heap',
      'Only the garbage (x) is left in the from-space; the heap holds the four live pages, the same frames that held them before the GC.',
      [R.pagemapDoc],
    ),
    step(
      33,
      'madvise(from, 32K, MADV_DONTNEED',
      'Freeing the from-space frees exactly the garbage.',
      [R.madvise],
    ),
    step(34, 'load(heap, 32K', 'A A B B, then free space reading as zeros.'),
  ],
  variants: [],
};
