# Shows: growing shared memory (memfd and shared anon) that must move: placed top-down by
# shmem_get_unmapped_area, with no 2 MiB alignment (shmem THP is off here).
fd = memfd_create("grow", 0)
ftruncate(fd, 4M)
t = mmap(NULL, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 0)
g = mmap(a + 16K, 4K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mremap(a, 16K, 2M, MREMAP_MAYMOVE)
s = mmap(0x100000100000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
h = mmap(s + 16K, 4K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
c = mremap(s, 16K, 2M, MREMAP_MAYMOVE)
maps()
