# Shows: shrink unmaps the tail in place: same address, pages beyond new_len gone.
# kernel-notes "Shrink"; mremap_at() -> shrink_vma().
a = mmap(0x100000000000, 32K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 32K, 'A')
b = mremap(a, 32K, 12K, 0)
maps()
pagemap(a, 32K)
load(a, 16K)
