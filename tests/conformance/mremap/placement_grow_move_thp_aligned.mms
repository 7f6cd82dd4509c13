# Shows: a private anonymous grow-and-move to a multiple of 2 MiB is placed 2 MiB aligned
# (THP alignment of get_unmapped_area without a hint); 2M + 4K is not.
# kernel-notes "Placement".
t = mmap(NULL, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
g = mmap(a + 16K, 4K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mremap(a, 16K, 4M, MREMAP_MAYMOVE)
c = mmap(0x100000100000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
h = mmap(c + 16K, 4K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
d = mremap(c, 16K, 2M + 4K, MREMAP_MAYMOVE)
maps()
