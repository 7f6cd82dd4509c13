# A free, aligned hint address is used as is (mm/mmap.c generic_get_unmapped_area_topdown: hint checked first)
a = mmap(top - 1T, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
