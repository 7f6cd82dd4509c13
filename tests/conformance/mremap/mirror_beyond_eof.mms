# Shows: a mirror may extend past the end of the file: access beyond EOF -> SIGBUS.
# kernel-notes "Mirror".
fd = memfd_create("m", 0)
ftruncate(fd, 8K)
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 0)
store(a, 8K, 'A')
m = mremap(a, 0, 32K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
load(m, 32K)
store(m + 16K, 4K, 'X')
