# Shows: moving the middle of a VMA splits the source into two VMAs around a hole; the
# moved part keeps pgoff, so moving it back merges all three into one VMA again.
a = mmap(0x100000000000, 32K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 32K, 'A')
b = mremap(a + 8K, 8K, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
c = mremap(b, 8K, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, a + 8K)
maps()
pagemap(a, 32K)
