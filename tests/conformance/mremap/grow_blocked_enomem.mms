# Shows: growth blocked by the next VMA without MAYMOVE -> ENOMEM, nothing changes; a range
# that does not reach vm_end cannot grow in place either. kernel-notes check 10.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(a + 16K, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 16K, 32K, 0)
mremap(a, 8K, 12K, 0)
munmap(b, 4K)
mremap(a, 8K, 12K, 0)
maps()
