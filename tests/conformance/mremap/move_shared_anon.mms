# Shows: moving part of a MAP_SHARED|MAP_ANONYMOUS mapping: both parts stay the same shmem
# object (shared-anon), the moved pages keep their frames.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'S')
b = mremap(a + 8K, 8K, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
pagemap(a, 16K, b, 8K)
