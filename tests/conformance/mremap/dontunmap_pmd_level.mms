# Shows: DONTUNMAP of a populated, 2 MiB-aligned 2 MiB range moves the whole PTE table as one
# PMD entry: no new PTE table (pgtables); the source then needs a new table when touched.
# kernel-notes "move_page_tables: which level moves".
a = mmap(0x100000000000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_NOHUGEPAGE)
store(a, 2M, 'A')
pgtables()
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000400000)
pgtables()
load(a, 4K)
pgtables()
pagemap(b, 2M)
