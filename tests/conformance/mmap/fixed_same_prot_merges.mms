# MAP_FIXED with the same flags inside an unpopulated anonymous VMA leaves one merged VMA (mm/vma.c vma_merge_new_range)
a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
b = mmap(a + 4K, 4K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
maps()
