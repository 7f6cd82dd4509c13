# mremap with old_size == 0: a second mapping ("mirror") of a shared heap.
# The 2017 MREMAP_MIRROR proposal would have named this; it was never merged.

fd = memfd_create("jheap", 0)
ftruncate(fd, 16K)
heap = mmap(top - 1T, 16K, PROT_READ|PROT_WRITE, MAP_SHARED, fd, 0)
store(heap, 8K, 'A')
store(heap + 8K, 8K, 'B')

# The mirror: same file, same offset, new address; nothing else changes.
view = mremap(heap, 0, 16K, MREMAP_MAYMOVE)
maps()
pagemap(heap, 16K, view, 16K)
load(view, 16K)
pagemap(heap, 16K, view, 16K)
store(view + 4K, 4K, 'C')
load(heap, 8K)

# A mirror of part of the heap, and one that runs past the end of the file.
half = mremap(heap + 8K, 0, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, top - 1T + 2G)
big = mremap(heap, 0, 32K, MREMAP_MAYMOVE|MREMAP_FIXED, top - 1T + 3G)
maps()
load(half, 8K)
load(big, 32K)

# What does not work.
mremap(heap, 0, 16K, 0)
mremap(heap, 0, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, top - 1T + 4G)
priv = mmap(top - 1T + 5G, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
store(priv, 16K, 'P')
mremap(priv, 0, 16K, MREMAP_MAYMOVE)
