# MAP_POPULATE on shared anonymous memory allocates shmem pages, one per page, all file pages (mm/gup.c, mm/shmem.c)
a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_POPULATE)
pagemap(a, 16K)
