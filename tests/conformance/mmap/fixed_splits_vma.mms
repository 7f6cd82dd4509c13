# MAP_FIXED with other protections in the middle of a VMA splits it in three (mm/vma.c)
a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
b = mmap(a + 4K, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
maps()
