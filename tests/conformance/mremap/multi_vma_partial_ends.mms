# Shows: a multi-VMA move that starts inside the first VMA and ends inside the last splits
# both; the middle VMA moves whole.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(a + 16K, 16K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
c = mmap(a + 32K, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
store(c, 16K, 'C')
n = mremap(a + 8K, 32K, 32K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
load(n, 32K)
