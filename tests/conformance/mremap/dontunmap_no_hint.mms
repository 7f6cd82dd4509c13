# Shows: DONTUNMAP with new_addr 0 places the destination like mmap(NULL): top-down below top,
# and 2 MiB aligned when the length is a multiple of 2 MiB (THP alignment).
# kernel-notes "Placement".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, 0)
c = mmap(0x100000200000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
d = mremap(c, 2M, 2M, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, 0)
maps()
