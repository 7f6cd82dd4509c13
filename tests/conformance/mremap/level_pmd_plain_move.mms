# Shows: a plain (unmapping) PMD-level move changes no page-table memory: the PTE table moves
# and the empty source range has no table left to free; a PTE-level one leaves one more table.
a = mmap(0x100000000000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_NOHUGEPAGE)
store(a, 2M, 'A')
pgtables()
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000400000)
pgtables()
c = mremap(b, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000801000)
pgtables()
load(c, 2M)
