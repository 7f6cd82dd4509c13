# Shows: DONTUNMAP of a memfd MAP_PRIVATE mapping: the CoW copies go with the move, the old
# range refaults the file's contents. kernel-notes "DONTUNMAP, shmem/memfd".
fd = memfd_create("file", 0)
ftruncate(fd, 16K)
s = mmap(0x100000200000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 0)
store(s, 16K, 'F')
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_FIXED, fd, 0)
store(a, 8K, 'C')
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000100000)
maps()
load(b, 16K)
load(a, 16K)
pagemap(a, 16K, b, 16K, s, 16K)
