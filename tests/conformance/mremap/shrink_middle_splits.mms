# Shows: shrinking a range that starts inside a VMA and ends before vm_end unmaps only
# [addr+new_len, addr+old_len): the VMA is split around a hole.
a = mmap(0x100000000000, 32K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 32K, 'A')
b = mremap(a + 8K, 16K, 4K, 0)
maps()
pagemap(a, 32K)
