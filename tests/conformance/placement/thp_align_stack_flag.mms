# MAP_STACK sets VM_NOHUGEPAGE (nh), yet a 2 MiB MAP_STACK mapping is still placed 2 MiB-aligned (mm/mmap.c __get_unmapped_area, include/linux/mman.h)
a = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
b = mmap(NULL, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK)
maps()
