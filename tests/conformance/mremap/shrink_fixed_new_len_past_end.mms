# Shows: a FIXED shrink whose first new_len bytes run past vm_end -> EFAULT; kernel-notes
# check 8 "a shrink only checks its first new_len bytes". In 6.18 the destination is untouched.
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(a + 12K, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
d = mmap(0x100000100000, 16K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 20K, 12K, MREMAP_MAYMOVE|MREMAP_FIXED, d)
maps()
