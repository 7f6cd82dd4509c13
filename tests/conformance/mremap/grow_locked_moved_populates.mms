# Shows: a locked VMA that must move to grow is populated at its new address from
# new_addr + old_len (mm_populate(new_addr + old_len, delta)); the moved part keeps its pages.
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_LOCKED)
b = mmap(a + 8K, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
n = mremap(a, 8K, 24K, MREMAP_MAYMOVE)
maps()
pagemap(n, 24K)
load(n, 24K)
