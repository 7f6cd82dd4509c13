# Shows: DONTUNMAP of an MLOCK_ONFAULT VMA: the source loses lo and lf, the destination keeps
# both. kernel-notes "DONTUNMAP": lo/lf cleared.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mlock2(a, 16K, MLOCK_ONFAULT)
store(a, 8K, 'L')
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000100000)
maps()
pagemap(a, 16K, b, 16K)
