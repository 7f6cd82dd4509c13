# Shows: a multi-VMA move over anon, memfd MAP_SHARED and shared-anon VMAs (shmem is allowed by
# vma_multi_allowed()); each keeps its backing and offset.
fd = memfd_create("mix", 0)
ftruncate(fd, 64K)
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
m = mmap(a + 12K, 8K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 32K)
s = mmap(a + 20K, 8K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
store(a, 28K, 'X')
n = mremap(a, 28K, 28K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
load(n, 28K)
