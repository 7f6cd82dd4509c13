# Shows: old_len == 0 on shared memory without MAYMOVE -> ENOMEM (the man page says EINVAL):
# a zero-length range can never end at vm_end, so the in-place path fails. kernel-notes check 9.
fd = memfd_create("m", 0)
ftruncate(fd, 16K)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 0)
mremap(a, 0, 16K, 0)
mremap(a + 12K, 0, 4K, 0)
s = mmap(0x100000100000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
mremap(s, 0, 8K, 0)
maps()
