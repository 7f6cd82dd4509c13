/// <reference types="vite/client" />
/**
 * mirror: mremap(old_size = 0) makes a second mapping of a shared mapping's pages; the 2017
 * MREMAP_MIRROR proposal would have named it. Private mappings get EINVAL since 4.14.
 */
import source from './mirror.mms?raw';
import { R } from './refs';
import { step, type Scenario } from './types';

export const mirror: Scenario = {
  id: 'mirror',
  file: 'mirror.mms',
  title: 'Mirroring a shared heap with old_size == 0',
  summary:
    'mremap with old_size 0 maps the same shared pages a second time (the never-merged MREMAP_MIRROR of 2017, used in a JVM GC prototype); partial and past-EOF mirrors, and why a private heap gets EINVAL.',
  tags: [
    'mremap',
    'old_size 0',
    'MREMAP_MIRROR',
    'JVM',
    'GC',
    'memfd',
    'shmem',
    'SIGBUS',
    'EINVAL',
    '4.14',
  ],
  source,
  profile: '6.18',
  narration: [
    step(
      0,
      '',
      'mremap(2) has an undocumented-for-years corner: with old_size 0 it does not move anything, it creates a new mapping of the same pages and leaves the old one alone. Oracle’s JVM team used it in 2017 for a GC that maps its heap at several addresses; Mike Kravetz proposed MREMAP_MIRROR to name it. The flag was never merged; old_size 0 was documented instead, and restricted to shared mappings.',
      [R.mirrorRfc, R.mirrorManPatch, R.mremap],
    ),
    step(4, 'fd = memfd_create(', 'The heap is a memfd, shared memory.', [R.memfdCreate]),
    step(5, 'ftruncate(', '16 KiB.', [R.ftruncate]),
    step(6, 'heap = mmap(', 'Mapped MAP_SHARED: its pages are the file’s page-cache pages.', [
      R.mmap,
    ]),
    step(7, 'store(heap, 8K', 'Objects A in pages 0-1 ...', [R.shmemFault]),
    step(8, 'store(heap + 8K', '... and B in pages 2-3.'),
    step(
      11,
      'view = mremap(heap, 0',
      'old_size 0, new_size 16 KiB: mremap takes its move path with nothing to move. move_vma() creates a new VMA on the same file at the same offset, and no PTE is copied. Without MREMAP_FIXED the kernel picks the address, top-down below the runtime (here just below top).',
      [R.moveVma, R.mremap],
    ),
    step(12, 'maps()', 'Two VMAs on memfd:jheap at offset 0.', [R.taskMmuC]),
    step(13, 'pagemap(heap, 16K, view', 'The mirror has no PTEs yet; the heap keeps its pages.', [
      R.pagemapDoc,
    ]),
    step(
      14,
      'load(view',
      'Reading the mirror faults each page in from the page cache (shmem_fault()): the heap’s data.',
      [R.shmemFault],
    ),
    step(
      15,
      'pagemap(heap, 16K, view',
      'Both ranges map the same four frames. (excl is gone from the heap: the pages are mapped twice now.)',
      [R.pagemapDoc],
    ),
    step(16, 'store(view + 4K', 'A write through the mirror ...'),
    step(
      17,
      'load(heap, 8K',
      '... is a write to the heap: A C. One memory, two addresses: what a multi-mapping GC wants.',
    ),
    step(
      20,
      'half = mremap(heap + 8K, 0',
      'A mirror of part of the heap: the new VMA starts at the file offset of heap+8K (memfd:jheap@8K). MREMAP_FIXED puts it where we say.',
      [R.mremap],
    ),
    step(
      21,
      'big = mremap(heap, 0, 32K',
      'A mirror larger than the file: allowed, the VMA is just longer than the 16 KiB file.',
      [R.mremap],
    ),
    step(22, 'maps()', 'Four views of one file.', [R.taskMmuC]),
    step(23, 'load(half', 'half sees the second half of the heap: B B.'),
    step(
      24,
      'load(big, 32K',
      'The first 16 KiB read the heap; at big+0x4000 the offset is past the end of the file and shmem_fault() answers SIGBUS, as for any file mapping beyond EOF.',
      [R.shmemFault, R.mmap],
    ),
    step(
      27,
      'mremap(heap, 0, 16K, 0)',
      'Without MREMAP_MAYMOVE, mremap may only resize in place, and a second mapping cannot be where the first one is: ENOMEM. (mremap(2) lists EINVAL for this case; the kernel’s answer is ENOMEM.)',
      [R.mremap, R.mremapC],
    ),
    step(
      28,
      'mremap(heap, 0, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP',
      'DONTUNMAP requires old_size == new_size: check_mremap_params() says EINVAL before looking at any mapping.',
      [R.checkMremapParams],
    ),
    step(29, 'priv = mmap(', 'A private anonymous heap.', [R.mmap]),
    step(30, 'store(priv', 'With data in it.'),
    step(
      31,
      'mremap(priv, 0',
      'EINVAL: since Linux 4.14 mremap refuses old_size 0 on a mapping without VM_SHARED|VM_MAYSHARE. Before that it "worked" but made a new, empty private mapping, not a mirror: private anonymous pages belong to one mapping. To map private-looking memory twice, use a memfd (what mremap(2) recommends).',
      [R.mirrorPrivateCommit, R.mremap],
    ),
  ],
  variants: [],
};
