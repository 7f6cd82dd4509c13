# Shows: growing with an old_len larger than the VMA -> EFAULT, even with room above; growing
# exactly the VMA works in place. kernel-notes check 8.
a = mmap(0x100000000000, 4K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 8K, 16K, MREMAP_MAYMOVE)
mremap(a, 8K, 16K, 0)
b = mremap(a, 4K, 16K, 0)
maps()
