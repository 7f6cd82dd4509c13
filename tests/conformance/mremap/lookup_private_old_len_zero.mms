# Shows: old_len == 0 on a private mapping (anon, or a memfd mapped MAP_PRIVATE) -> EINVAL,
# with or without MAYMOVE/FIXED (since 4.14). kernel-notes check 8; check_prep_vma().
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 0, 4K, MREMAP_MAYMOVE)
mremap(a, 0, 4K, 0)
mremap(a, 0, 4K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
fd = memfd_create("priv", 0)
ftruncate(fd, 16K)
p = mmap(0x100000200000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_FIXED, fd, 0)
mremap(p, 0, 8K, MREMAP_MAYMOVE)
maps()
