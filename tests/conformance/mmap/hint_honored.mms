# A free, aligned hint address is used as is (mm/mmap.c generic_get_unmapped_area_topdown: hint checked first)
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
