kernel 6.18
# MREMAP_DONTUNMAP basics: private anonymous memory vs a memfd mapped MAP_SHARED.
# Line 1 is the behaviour profile: the explorer's "Linux 5.7" switch replaces it
# with `kernel 5.7`, where DONTUNMAP works on private anonymous memory only.

anon = mmap(top - 1T, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
store(anon, 16K, 'A')
fd = memfd_create("shm", 0)
ftruncate(fd, 16K)
shm = mmap(top - 1T + 1G, 16K, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)
store(shm, 16K, 'S')

# Destinations, reserved PROT_NONE (as Android's GC does), so that every
# address below has a name even when a move fails.
anew = mmap(top - 1T + 2G, 16K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS)
snew = mmap(top - 1T + 3G, 16K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS)

# The moves: the page-table entries go; the source VMAs stay.
mremap(anon, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, anew)
mremap(shm, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, snew)
maps()
pagemap(anon, 16K, anew, 16K)
pagemap(shm, 16K, snew, 16K)

# What a later touch sees.
load(anon, 16K)
load(anew, 16K)
load(shm, 16K)
load(snew, 16K)
pagemap(anon, 16K, anew, 16K, shm, 16K, snew, 16K)

# Writes: private copies part ways, shared ones do not.
store(anon, 4K, 'B')
load(anew, 4K)
store(shm, 4K, 'T')
load(snew, 4K)
