# Shows: read-faulted zero-page entries move like any PTE: the destination still maps the
# zero page, and a write there then allocates.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
load(a, 16K)
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
pagemap(b, 16K)
store(b, 4K, 'Z')
pagemap(b, 16K)
