# MAP_FIXED_NOREPLACE at a free address maps exactly there (mm/mmap.c do_mmap)
a = mmap(top - 1T, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE)
maps()
