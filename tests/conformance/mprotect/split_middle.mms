# mprotect of the middle of a VMA splits it in three (mm/mprotect.c mprotect_fixup, mm/vma.c vma_modify_flags)
a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
mprotect(a + 4K, 8K, PROT_READ)
maps()
