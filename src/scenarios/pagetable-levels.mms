# The same 1 GiB region moved three times with mremap(MREMAP_FIXED): to a
# 1 GiB-aligned address (one PUD entry moves), to a 2 MiB-aligned address
# (512 PMD entries move), and to an address aligned to 4 KiB only (all
# 262,144 PTEs move one by one). pgtables() counts page-table memory.

gig = mmap(top - 1T, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
store(gig, 1G, 'G')
pgtables()

pud = mremap(gig, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED, top - 1T + 2G)
pgtables()

pmd = mremap(pud, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED, top - 1T + 4G + 2M)
pgtables()

pte = mremap(pmd, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED, top - 1T + 6G + 2M + 4K)
pgtables()

load(pte, 8K)
load(pte + 1G - 4K, 4K)
maps()
