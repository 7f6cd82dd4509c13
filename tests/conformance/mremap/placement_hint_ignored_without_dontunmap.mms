# Shows: without FIXED or DONTUNMAP new_addr is ignored: a grow-and-move lands top-down even
# when new_addr names a free range. kernel-notes check 6 "otherwise new_addr is ignored".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
g = mmap(a + 16K, 4K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mremap(a, 16K, 32K, MREMAP_MAYMOVE, 0x100000200000)
maps()
