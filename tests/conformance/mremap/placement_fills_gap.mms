# Shows: the kernel-chosen destination is the highest gap below top that fits: a gap too
# small is skipped, a large enough lower one is used.
t1 = mmap(NULL, 64K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
munmap(t1 + 16K, 12K)
munmap(t1 + 40K, 20K)
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
g = mmap(a + 8K, 4K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
b = mremap(a, 8K, 16K, MREMAP_MAYMOVE)
maps()
