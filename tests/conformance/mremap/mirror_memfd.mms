# Shows: mirror (old_len == 0) of a memfd MAP_SHARED mapping: a new VMA of new_len on the same
# file at the same offset, no PTEs copied, the source untouched; both then see the same pages.
# kernel-notes "Mirror".
fd = memfd_create("m", 0)
ftruncate(fd, 16K)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 0)
store(a, 16K, 'A')
m = mremap(a, 0, 16K, MREMAP_MAYMOVE)
maps()
pagemap(a, 16K, m, 16K)
load(m, 16K)
store(m, 4K, 'B')
load(a, 4K)
pagemap(a, 16K, m, 16K)
