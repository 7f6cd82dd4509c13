# Shows: a MAP_SHARED|MAP_ANONYMOUS mapping can be mirrored too (it has a shmem file), with a
# kernel-chosen address.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
m = mremap(a, 0, 16K, MREMAP_MAYMOVE)
maps()
load(m, 16K)
store(m + 8K, 8K, 'M')
load(a, 16K)
