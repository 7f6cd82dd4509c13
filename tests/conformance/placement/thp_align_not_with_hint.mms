# A free hint is used as is even for a 2 MiB anonymous length: no alignment (mm/mmap.c __get_unmapped_area aligns only when addr is 0)
a = mmap(top - 1T + 4K, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
