# Shows: MAYMOVE alone never moves when it does not have to: same size returns addr, a
# possible in-place growth stays in place.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE)
c = mremap(a, 16K, 32K, MREMAP_MAYMOVE)
maps()
