# Shows: a plain shrink does not check the old range: it unmaps [addr+new_len, addr+old_len)
# across the end of the VMA, a hole and the next VMA. kernel-notes check 8 and "Shrink".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(a + 32K, 16K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
c = mmap(a + 64K, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
r = mremap(a, 72K, 8K, 0)
maps()
