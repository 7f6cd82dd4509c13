# Shows: growth in place also works from the middle of a VMA when [addr, addr+old_len) ends
# exactly at vm_end (vrm_can_expand_in_place(): suffix_bytes == old_len).
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
b = mremap(a + 8K, 8K, 24K, 0)
maps()
pagemap(a, 32K)
