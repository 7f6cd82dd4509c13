# Shows: flags outside FIXED|MAYMOVE|DONTUNMAP -> EINVAL, including 8 and 16 (the proposed
# MREMAP_RELOCATE_ANON values) and high bits; nothing changes. kernel-notes "order of checks" 2;
# mm/mremap.c check_mremap_params().
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 16K, 16K, 8)
mremap(a, 16K, 16K, 16)
mremap(a, 16K, 32K, MREMAP_MAYMOVE|8)
mremap(a, 16K, 8K, 0x80000000)
mremap(a, 16K, 8K, 0x100000000)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP|32, 0x100000100000)
maps()
