# Shows: a grow or a non-FIXED move whose old range runs past vm_end -> EFAULT, even when the
# next VMA is adjacent (mremap never spans VMAs except the 6.17 FIXED multi-VMA move).
# kernel-notes check 8; check_prep_vma() "old_len > vma->vm_end - addr".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(a + 16K, 16K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 20K, 32K, MREMAP_MAYMOVE)
mremap(a + 8K, 12K, 16K, MREMAP_MAYMOVE)
mremap(a, 32K, 32K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, 0x100000100000)
mremap(a, 20K, 40K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
