# Shows: moving a memfd MAP_PRIVATE mapping: CoW (anonymous) pages and page-cache pages both
# move with their frames; the mapping keeps its file offset.
fd = memfd_create("file", 0)
ftruncate(fd, 16K)
s = mmap(0x100000200000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 0)
store(s, 16K, 'F')
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_FIXED, fd, 0)
load(a, 8K)
store(a + 8K, 8K, 'C')
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
pagemap(b, 16K, s, 16K)
load(b, 16K)
