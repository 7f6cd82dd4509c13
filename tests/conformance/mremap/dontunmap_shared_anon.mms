# Shows: DONTUNMAP of MAP_SHARED|MAP_ANONYMOUS: the data stays in the shmem object, the old
# range refaults it. kernel-notes "DONTUNMAP, shmem/memfd MAP_SHARED".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'S')
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000100000)
maps()
load(a, 16K)
store(b, 4K, 'T')
load(a, 4K)
pagemap(a, 16K, b, 16K)
