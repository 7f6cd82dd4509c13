# MAP_FIXED_NOREPLACE at a free address maps exactly there (mm/mmap.c do_mmap)
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE)
maps()
