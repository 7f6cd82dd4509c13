# Shows: after a plain move the old range is unmapped: an access there takes SIGSEGV.
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
b = mremap(a, 8K, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
load(a, 4K)
load(b, 8K)
