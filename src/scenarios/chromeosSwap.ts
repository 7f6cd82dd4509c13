/// <reference types="vite/client" />
/**
 * chromeos-swap: swapping an anonymous region out with MREMAP_DONTUNMAP and back in on demand
 * through userfaultfd, with UFFDIO_COPY or UFFDIO_MOVE (the use case in the DONTUNMAP commit).
 */
import source from './chromeos-swap.mms?raw';
import { R } from './refs';
import { step, type Scenario } from './types';

export const chromeosSwap: Scenario = {
  id: 'chromeos-swap',
  file: 'chromeos-swap.mms',
  title: 'User-space swap: out with DONTUNMAP, in with COPY or MOVE',
  summary:
    'Chrome OS’s motivating case for MREMAP_DONTUNMAP: take a region’s pages away in one call while the process runs, write them out, and serve later faults from user space with UFFDIO_COPY or UFFDIO_MOVE.',
  tags: [
    'Chrome OS',
    'swap',
    'userfaultfd',
    'MREMAP_DONTUNMAP',
    'UFFDIO_COPY',
    'UFFDIO_MOVE',
    'UFFD_FEATURE_THREAD_ID',
    'page fault',
  ],
  source,
  profile: '6.18',
  narration: [
    step(
      0,
      '',
      'The MREMAP_DONTUNMAP commit names its first user: "We hope to use this in Chrome OS where with userfaultfd we could write an anonymous mapping to disk without having to STOP the process or worry about VMA permission changes." This scenario is that swapper, in miniature.',
      [R.dontunmapCommit, R.uffdDoc],
    ),
    step(5, 'uffd = userfaultfd(', 'The swapper’s userfaultfd.', [R.userfaultfd]),
    step(
      6,
      'ioctl(uffd, UFFDIO_API',
      'UFFD_FEATURE_THREAD_ID: each fault message says which thread faulted. No SIGBUS here: a faulting thread sleeps until the swapper serves the page.',
      [R.uffdioApi],
    ),
    step(7, 'region = mmap(', 'The application’s memory: private anonymous, 4 pages.', [R.mmap]),
    step(8, 'store(region, 8K', 'Pages 0-1 hold D ...', [R.doAnonymousPage]),
    step(9, 'store(region + 8K', '... pages 2-3 hold E.'),
    step(
      10,
      'ioctl(uffd, UFFDIO_REGISTER',
      'Register the region for MISSING faults once, up front. While its pages are present nothing happens; once they are gone, every touch will reach the swapper.',
      [R.uffdioRegister],
    ),
    step(
      13,
      'staging = mremap(',
      'Swap out, step 1: MREMAP_DONTUNMAP moves all of the region’s PTEs to a staging address (the fifth argument is a placement hint, honoured here) in one system call. The application keeps running: its VMA, permissions and registration stay, only the pages are gone.',
      [R.mremap, R.moveVma, R.dontunmapComplete],
    ),
    step(
      14,
      'maps()',
      'The region is still there and still registered (`um`). The staging VMA is not: without UFFD_FEATURE_EVENT_REMAP a move does not carry the registration.',
      [R.taskMmuC],
    ),
    step(
      15,
      'pagemap(region, 16K, staging',
      'All four frames now at the staging address; the region has none.',
      [R.pagemapDoc],
    ),
    step(
      16,
      '@swapper load(staging',
      'Swap out, step 2: the swapper reads the pages (to compress them, or write them to disk) at its leisure.',
    ),
    step(
      17,
      'munmap(staging',
      'Step 3: unmapping the staging area frees the frames. The memory is reclaimed.',
      [R.munmap],
    ),
    step(
      21,
      '@app load(region + 8K',
      'Later the application reads page 2. No PTE, registered range: handle_userfault() queues a message and the thread sleeps (blocked).',
      [R.handleUserfault],
    ),
    step(
      22,
      'read(uffd)',
      'The swapper reads the message: a fault at region+0x2000, a read (flags=0), by thread app.',
      [R.userfaultfdRead, R.ioctlUffd],
    ),
    step(23, 'buf = mmap(', 'A buffer to read swapped data back into.', [R.mmap]),
    step(24, 'store(buf, 4K', 'Swap in: the page’s data (E) comes back from disk into the buffer.'),
    step(
      25,
      'ioctl(uffd, UFFDIO_COPY',
      'UFFDIO_COPY copies the buffer into a new frame, maps it at region+0x2000 atomically, and wakes the threads waiting on that page.',
      [R.uffdioCopy, R.mfillAtomic],
    ),
    step(
      26,
      'wait(app)',
      'The application’s load completes: E. It never knew the page had been away.',
    ),
    step(29, '@app store(region, 4K', 'Now the application writes page 0: it sleeps too.', [
      R.handleUserfault,
    ]),
    step(30, 'read(uffd)', 'This time flags=WRITE.', [R.userfaultfdRead]),
    step(
      31,
      'store(buf + 4K',
      'The swapper reads page 0’s data (D) into the buffer’s second page.',
    ),
    step(
      32,
      'ioctl(uffd, UFFDIO_MOVE',
      'UFFDIO_MOVE (Linux 6.8) hands over the buffer’s page itself instead of copying it: move_pages() moves the PTE, so the frame that holds the data becomes the region’s page, and the buffer loses it. Zero copy.',
      [R.uffdioMove, R.movePages, R.uffdMovePatch],
    ),
    step(33, 'wait(app)', 'The application’s write goes ahead on the moved page.'),
    step(34, 'load(region, 4K', 'X: the application’s write, on top of the swapped-in page.'),
    step(
      35,
      'pagemap(buf, 8K, region',
      'The buffer kept the page COPY copied from; its second page moved into the region (none left behind). Pages 1 and 3 were never touched: they stay swapped out, and a touch would fault to the swapper again.',
      [R.pagemapDoc],
    ),
  ],
  variants: [],
};
