# Shows: new_addr > TASK_SIZE - new_len -> EINVAL, also with DONTUNMAP used as a hint, and with
# a new_addr whose sum with new_len wraps. kernel-notes check 6.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x7ffffffff000)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x7fffffffd000)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, 0x7ffffffff000)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, -4K)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x800000000000)
maps()
