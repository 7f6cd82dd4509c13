# Shows: moving a memfd MAP_SHARED mapping keeps file and offset (pgoff), the page-cache pages
# and their flags.
fd = memfd_create("heap", 0)
ftruncate(fd, 64K)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 16K)
store(a, 16K, 'M')
b = mremap(a + 4K, 8K, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
pagemap(a, 16K, b, 8K)
load(b, 8K)
