# Shows: moving the head of an unfaulted anonymous VMA to just past its end: copy_vma() rebases
# the pgoff and merges the new range into the source VMA itself ("Source vma may have been
# merged into new_vma"), then the old head is unmapped: one VMA, shifted up.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mremap(a, 8K, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, a + 16K)
maps()
store(a + 8K, 16K, 'A')
pagemap(a, 24K)
