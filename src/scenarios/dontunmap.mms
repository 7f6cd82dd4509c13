# MREMAP_DONTUNMAP: move the pages, keep the mapping.
# Two 64 KiB regions, one of private anonymous memory and one of a memfd
# mapped MAP_SHARED, are filled, then moved with MREMAP_DONTUNMAP.

anon = mmap(NULL, 64K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
store(anon, 64K, 'A')

fd = memfd_create("heap", 0)
ftruncate(fd, 64K)
shm = mmap(NULL, 64K, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)
store(shm, 64K, 'S')

maps()
pagemap(anon, 64K, shm, 64K)

# The move: page-table entries go to a new range; the old VMAs stay.
anew = mremap(anon, 64K, 64K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP)
snew = mremap(shm, 64K, 64K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP)
maps()
pagemap(anon, 64K, anew, 64K)
pagemap(shm, 64K, snew, 64K)

# Touch the old ranges again.
load(anon, 64K)
pagemap(anon, 64K)
load(shm, 64K)
pagemap(shm, 64K, snew, 64K)

# A write to the old anonymous range gets a new page; the moved data is intact.
store(anon, 4K, 'B')
load(anon, 8K)
load(anew, 8K)
pagemap(anon, 8K, anew, 8K)
