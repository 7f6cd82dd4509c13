# Shows: growing a VMA locked with MLOCK_ONFAULT does not populate the new part (in 6.18
# check_prep_vma sets populate_expand for any VM_LOCKED VMA, but populate skips
# VM_LOCKONFAULT). kernel-notes "In-place growth".
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mlock2(a, 8K, MLOCK_ONFAULT)
store(a, 4K, 'A')
b = mremap(a, 8K, 24K, 0)
maps()
pagemap(a, 24K)
