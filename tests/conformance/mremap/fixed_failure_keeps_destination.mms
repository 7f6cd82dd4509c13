# Shows: in 6.18 a FIXED call that fails its VMA checks (old range past vm_end) does not unmap
# the destination first (up to 6.16 mremap_to unmapped it before remap_is_valid failed).
# kernel-notes check 6 "6.18 changes nothing on failure".
a = mmap(0x100000000000, 4K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
d = mmap(0x100000100000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(d, 16K, 'D')
mremap(a, 8K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, d)
maps()
load(d, 16K)
