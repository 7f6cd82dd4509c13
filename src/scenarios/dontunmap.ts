/// <reference types="vite/client" />
/**
 * The default walkthrough: MREMAP_DONTUNMAP on private anonymous memory and on a memfd
 * mapped MAP_SHARED. One sentence per statement line says why it happens, citing the kernel
 * (mm/mremap.c, mm/memory.c, mm/shmem.c) and mremap(2). Line 0 is the initial state.
 */
import source from './dontunmap.mms?raw';

export const dontunmap = {
  id: 'dontunmap',
  name: 'dontunmap.mms',
  source,
  narration: {
    0: 'MREMAP_DONTUNMAP (Linux 5.7; shmem and memfd since 5.13) moves a mapping’s pages to a new address as any mremap move does, but leaves the old VMA mapped and empty (mremap(2)). Step forward with → to follow it.',
    5: 'mmap of private anonymous memory only adds a VMA: no page is allocated and no page-table entry written until the first touch (mm/mmap.c, do_mmap).',
    6: 'Each first write faults: do_anonymous_page() (mm/memory.c) allocates a zeroed page, maps it writable and exclusive, then the store fills it with A: 16 pages, 16 PTEs.',
    8: 'memfd_create(2) makes an anonymous shmem file: its pages belong to the file’s page cache, not to any one mapping.',
    9: 'ftruncate sets the file size to 64 KiB; shmem allocates nothing until a page is touched.',
    10: 'MAP_SHARED of the memfd: the VMA maps the file from offset 0, so its pages will be the page-cache pages.',
    11: 'Each write fault goes through shmem_fault() (mm/shmem.c): a page is added to the page cache at that offset and mapped; pagemap flags it file.',
    13: 'maps(): a private anonymous VMA (rw-p) and the shared memfd VMA (rw-s memfd:heap@0).',
    14: 'pagemap: 16 exclusive anonymous pages, then 16 page-cache pages.',
    17: 'mremap with MREMAP_MAYMOVE|MREMAP_DONTUNMAP: move_vma() (mm/mremap.c) copies the VMA to a new address and move_page_tables() moves the PTEs there, so the same physical pages now sit at anew. The old VMA is not unmapped; only VM_LOCKED is cleared on it.',
    18: 'The same on the memfd mapping (allowed since 5.13): the PTEs move to snew; the page cache keeps every page.',
    19: 'maps(): four VMAs. The old ranges are still mapped with the same permissions, only empty.',
    20: 'The anonymous pages are at anew, same frames; the old range has no page-table entries at all.',
    21: 'The same for shmem: old range empty, the page-cache pages mapped at snew.',
    24: 'A read of the old anonymous range faults like a never-touched mapping: do_anonymous_page() maps the shared zero page (mremap(2): the kernel supplies a zero-filled page unless a userfaultfd handler is registered on the range, as Android’s GC and Chrome OS do).',
    25: 'Every old PTE now maps the zero page: reads return zeros (.), and no memory was allocated.',
    26: 'The old shmem range refaults from the page cache: shmem_fault() finds each page at its file offset and maps it again, so the data (S) is still there.',
    27: 'Old and new ranges map the same page-cache pages: the same frame labels on both sides.',
    30: 'A write to a zero-page PTE is a copy-on-write fault (do_wp_page(), mm/memory.c): a new anonymous page replaces the zero page.',
    31: 'The old range: B in the page just written, zeros after it.',
    32: 'The moved data is intact at anew.',
    33: 'Different frames: the old range’s new page is its own; anew keeps the original pages.',
  } as Readonly<Record<number, string>>,
} as const;
