# Shows: a grow that must move (MAYMOVE) goes to the highest gap below top that fits,
# like mmap(NULL); a second one goes below the first. kernel-notes "Placement".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
g = mmap(a + 16K, 4K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mremap(a, 16K, 24K, MREMAP_MAYMOVE)
c = mmap(0x100000100000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
h = mmap(c + 8K, 4K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
d = mremap(c, 8K, 12K, MREMAP_MAYMOVE)
maps()
