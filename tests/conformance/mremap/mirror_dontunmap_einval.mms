# Shows: a mirror cannot use DONTUNMAP: old_len 0 != new_len -> EINVAL (before the lookup).
# kernel-notes "Mirror": not with DONTUNMAP.
fd = memfd_create("m", 0)
ftruncate(fd, 16K)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 0)
mremap(a, 0, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, 0x100000100000)
mremap(a, 0, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000100000)
maps()
