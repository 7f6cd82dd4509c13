# Shows: a DONTUNMAP hint that overlaps a mapping is not used: the destination is chosen
# top-down below top, and nothing at the hint is unmapped. kernel-notes check 10, "Placement".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
h = mmap(0x100000100000, 8K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, h - 4K)
maps()
load(b, 16K)
