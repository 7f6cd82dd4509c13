# The first kernel-chosen mapping ends exactly at top: get_unmapped_area is top-down (kernel-notes Placement; mm/mmap.c unmapped_area_topdown)
a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
