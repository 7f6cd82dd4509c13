# Shows: growth blocked with MAYMOVE moves to a kernel-chosen address (top-down below top);
# the data and the PFNs go along, the old range is unmapped. kernel-notes check 10, "Move".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(a + 16K, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
n = mremap(a, 16K, 32K, MREMAP_MAYMOVE)
maps()
pagemap(n, 32K)
load(n, 32K)
