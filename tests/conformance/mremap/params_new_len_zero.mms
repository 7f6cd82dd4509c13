# Shows: new_len 0 -> EINVAL; a new_len within 4095 of 2^64 rounds up (wraps) to 0 -> EINVAL;
# 2^64-4096 is > TASK_SIZE -> EINVAL. The mapping is untouched. kernel-notes checks 1, 4, 5.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
mremap(a, 16K, 0, 0)
mremap(a, 16K, 0, MREMAP_MAYMOVE)
mremap(a, 16K, -1, MREMAP_MAYMOVE)
mremap(a, 16K, -4095, 0)
mremap(a, 16K, -4096, MREMAP_MAYMOVE)
mremap(a, 16K, 1, 0)
maps()
load(a, 16K)
