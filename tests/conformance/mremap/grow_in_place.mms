# Shows: in-place growth when the range ends at vm_end and the space above is free: same
# address, one VMA, the new pages are not present. kernel-notes "In-place growth".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
b = mremap(a, 16K, 64K, 0)
maps()
pagemap(a, 64K)
load(a, 64K)
