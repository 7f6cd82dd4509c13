# Shows: selftest mremap_shrink_multiple_vmas [inplace]: shrink to one page across five VMAs
# and the holes between them. kernel-notes "Shrink: unmaps the tail, across VMAs and holes".
a = mmap(0x100000000000, 40K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
munmap(a + 4K, 4K)
munmap(a + 12K, 4K)
munmap(a + 20K, 4K)
munmap(a + 28K, 4K)
munmap(a + 36K, 4K)
maps()
r = mremap(a, 40K, 4K, 0)
maps()
