# MADV_HUGEPAGE sets VM_HUGEPAGE (hg); on part of a VMA it splits it (mm/madvise.c madvise_update_vma, mm/khugepaged.c hugepage_madvise)
a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
madvise(a + 4K, 4K, MADV_HUGEPAGE)
maps()
