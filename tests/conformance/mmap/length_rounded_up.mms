# The length is rounded up to a whole page: 1 byte maps 4K, 4097 bytes map 8K (mm/mmap.c do_mmap PAGE_ALIGN(len))
a = mmap(NULL, 1, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
b = mmap(top - 1T, 4097, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
