# Shows: the moved VMA keeps its protection; a PROT_NONE VMA moves too and still faults.
a = mmap(0x100000000000, 8K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
load(a, 8K)
b = mremap(a, 8K, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
store(b, 4K, 'X')
p = mmap(0x100000200000, 8K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
q = mremap(p, 8K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000300000)
maps()
load(q, 4K)
