# Shows: FIXED unmaps whatever is at the destination first (like MAP_FIXED), including parts
# of VMAs that straddle it; their pages are gone.
d = mmap(0x100000100000, 32K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
load(d, 32K)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, d + 8K)
maps()
pagemap(d, 32K)
