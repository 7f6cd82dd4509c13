# Shows: a multi-VMA move whose range starts in a hole -> EFAULT and nothing moves; a range
# with no VMA at all -> EFAULT. remap_move(): "No gap permitted at the start of the range".
a = mmap(0x100000004000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(0x100000000000, 32K, 32K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
mremap(0x100000010000, 32K, 32K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
