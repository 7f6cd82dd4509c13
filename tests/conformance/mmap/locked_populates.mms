# MAP_LOCKED sets VM_LOCKED (lo) and populates the mapping like mlock (mm/mmap.c do_mmap, mm_populate)
a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_LOCKED)
maps()
pagemap(a, 16K)
