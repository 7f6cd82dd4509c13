# Shows: pgtables() after a shrink: free_pgtables frees a PTE table only when nothing else
# maps its 2 MiB (here the second table of a 4 MiB mapping).
a = mmap(0x100000000000, 4M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 4M, MADV_NOHUGEPAGE)
store(a, 4M, 'A')
pgtables()
b = mremap(a, 4M, 3M, 0)
pgtables()
c = mremap(a, 3M, 2M, 0)
pgtables()
d = mremap(a, 2M, 4K, 0)
pgtables()
