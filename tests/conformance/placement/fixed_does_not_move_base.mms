# A MAP_FIXED mapping far below does not change where the next kernel-chosen mapping goes (mm/mmap.c: the search starts at mmap_base)
a = mmap(top - 1T, 64K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
