# Shows: PMD-level moves: 2 MiB-aligned source and destination, each whole 2 MiB chunk moves
# its PTE table as one PMD entry (no PTE table allocated); a destination misaligned by 4K needs
# new tables (PTE level). kernel-notes "which level moves": PMD; move_normal_pmd().
a = mmap(0x100000000000, 4M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 4M, MADV_NOHUGEPAGE)
store(a, 4M, 'A')
pgtables()
b = mremap(a, 4M, 4M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000400000)
pgtables()
c = mremap(b, 4M, 4M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000801000)
pgtables()
pagemap(c, 4M)
