# Shows: an unfaulted anonymous VMA gets its pgoff rebased to the new address (copy_vma), so
# it merges with an unfaulted neighbour at the destination; a faulted one keeps its pgoff and
# does not. kernel-notes "Move".
n = mmap(0x100000100000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, n + 16K)
maps()
c = mmap(0x100000200000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(c, 4K, 'C')
e = mremap(c, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, n + 32K)
maps()
