# Shows: DONTUNMAP of part of a VMA: the source VMA is not split; only the moved part loses
# its PTEs. kernel-notes "DONTUNMAP, private anonymous": unsplit even for a partial range.
a = mmap(0x100000000000, 32K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 32K, 'A')
b = mremap(a + 8K, 8K, 8K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000100000)
maps()
pagemap(a, 32K, b, 8K)
load(a, 32K)
