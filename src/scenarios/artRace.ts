/// <reference types="vite/client" />
/**
 * art-race: registering the userfaultfd after the DONTUNMAP mremap leaves a window in which a
 * thread maps the zero page; registering first closes it, because DONTUNMAP keeps the source's
 * registration.
 */
import source from './art-race.mms?raw';
import { R } from './refs';
import { step, type Scenario } from './types';

export const artRace: Scenario = {
  id: 'art-race',
  file: 'art-race.mms',
  title: 'The ART race: mremap before register, and the fix',
  summary:
    'Why the order of mremap and UFFDIO_REGISTER matters: a thread that touches the heap in between maps the zero page and its data is lost; registering first works because MREMAP_DONTUNMAP keeps the registration.',
  tags: [
    'Android',
    'ART',
    'race',
    'bug',
    'userfaultfd',
    'UFFDIO_REGISTER',
    'MREMAP_DONTUNMAP',
    'zero page',
    'EEXIST',
  ],
  source,
  profile: '6.18',
  narration: [
    step(
      0,
      '',
      'A stop-the-world pause stops the threads that run Java code, not every thread: threads in native code keep running, and in ART some native data the GC moves (linear-alloc spaces, holding ArtMethod and friends) is read outside the Java heap proper. Anything such a thread touches between two steps of the pause sees the in-between state. The script runs that thread deterministically, between the two calls.',
      [R.artKernelPreparation],
    ),
    step(6, 'uffd = userfaultfd(', 'The GC’s userfaultfd.', [R.userfaultfd]),
    step(7, 'ioctl(uffd, UFFDIO_API', 'SIGBUS mode, as in ART.', [R.uffdioApi]),
    step(10, 'heap = mmap(', 'A 4-page region the GC compacts.', [R.mmap]),
    step(11, 'from = mmap(', 'Its from-space reservation.', [R.mmap]),
    step(12, 'store(heap, 16K', 'Filled with live data, O.'),
    step(
      13,
      'mremap(heap,',
      'The buggy order, step 1: move the pages to the from-space. The region is now mapped and empty, and not registered yet.',
      [R.mremap],
    ),
    step(
      14,
      '@native load(heap',
      'A native thread reads the region now. Nothing is registered, so this is an ordinary fault on empty anonymous memory: do_anonymous_page() maps the shared zero page. The thread reads 0 where its data was, with no error anywhere.',
      [R.doAnonymousPage],
    ),
    step(
      15,
      'ioctl(uffd, UFFDIO_REGISTER',
      'Step 2, too late: registering does not remove PTEs already there; a missing-page fault can no longer happen on page 0.',
      [R.uffdioRegister],
    ),
    step(
      16,
      'ioctl(uffd, UFFDIO_COPY, heap, from, 16K',
      'The GC maps the compacted pages: EEXIST at once (copy=-17), because page 0 is present (the zero page counts). Nothing was copied.',
      [R.uffdioCopy, R.mfillAtomic],
    ),
    step(17, 'ioctl(uffd, UFFDIO_COPY, heap + 4K', 'The rest can be copied.', [R.uffdioCopy]),
    step(
      18,
      'load(heap, 16K',
      'Page 0 reads zeros: the data is lost (in the real collector, a crash or corrupt objects later).',
    ),
    step(19, 'pagemap(heap', 'The zero page where the data should be.', [R.pagemapDoc]),
    step(22, 'heap2 = mmap(', 'The fix, on a fresh region.', [R.mmap]),
    step(23, 'from2 = mmap(', 'Its from-space.', [R.mmap]),
    step(24, 'store(heap2', 'Live data.'),
    step(
      25,
      'ioctl(uffd, UFFDIO_REGISTER, heap2',
      'Register first, while the pages are still present: nothing faults yet.',
      [R.uffdioRegister, R.userfaultfdRegister],
    ),
    step(
      26,
      'mremap(heap2,',
      'Then move. MREMAP_DONTUNMAP leaves the source VMA in place with its userfaultfd registration (the commit: "any userfaultfds that were watching that range will continue watching it"). From the first instant the region is empty, it is registered: there is no window.',
      [R.dontunmapCommit, R.dontunmapComplete],
    ),
    step(
      27,
      'maps()',
      'heap2 kept `um`; from2 is not registered (without UFFD_FEATURE_EVENT_REMAP the moved VMA loses the registration), so the GC reads the from-space freely. ART registers its linear-alloc spaces before moving them, "to make the userfaultfd setup atomic".',
      [R.taskMmuC, R.artKernelPreparation],
    ),
    step(
      28,
      '@native load(heap2',
      'The same touch now faults to the GC: SIGBUS, and the handler builds the page.',
      [R.handleUserfault, R.artSigbusHandler],
    ),
    step(29, 'ioctl(uffd, UFFDIO_COPY, heap2', 'The GC maps all four pages.', [R.uffdioCopy]),
    step(30, '@native load(heap2', 'The retried load reads the data: O.'),
    step(31, 'load(heap2, 16K', 'Every page intact.'),
    step(32, 'pagemap(heap2', 'Four real pages, no zero page.', [R.pagemapDoc]),
  ],
  variants: [],
};
