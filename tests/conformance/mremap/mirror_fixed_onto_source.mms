# Shows: a FIXED mirror whose destination starts at the source address does not count as an
# overlap (old_len 0), so mremap_to unmaps the destination, which is the source itself, and
# the lookup that follows fails: EFAULT, with the first new_len bytes of the source gone.
# One starting below the source address overlaps (EINVAL). mm/mremap.c mremap_to().
fd = memfd_create("m", 0)
ftruncate(fd, 16K)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 0)
mremap(a + 4K, 0, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, a)
mremap(a, 0, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, a)
maps()
