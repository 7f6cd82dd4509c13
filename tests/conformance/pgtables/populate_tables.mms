# MAP_POPULATE of 4 MiB at a fresh address allocates a PUD, a PMD and two PTE tables: +16K (mm/gup.c)
a = mmap(top - 1T, 4M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_POPULATE)
pgtables()
