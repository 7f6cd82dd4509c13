# Shows: a mirror from inside a VMA starts at pgoff + offset of addr; new_len is independent
# of the source VMA's size.
fd = memfd_create("m", 0)
ftruncate(fd, 32K)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 8K)
store(a, 16K, 'A')
m = mremap(a + 4K, 0, 20K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
load(m, 20K)
