# Shows: selftest mremap_shrink_multiple_vmas [fixed]: a FIXED shrink first unmaps the tail
# (across VMAs and holes, only the first new_len bytes are checked), then moves the rest.
a = mmap(0x100000000000, 40K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
munmap(a + 4K, 4K)
munmap(a + 12K, 4K)
munmap(a + 20K, 4K)
store(a, 4K, 'A')
r = mremap(a, 40K, 4K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
load(r, 4K)
