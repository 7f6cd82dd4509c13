# mmap does not validate prot: unknown bits are accepted (mm/mmap.c do_mmap; only mprotect calls arch_validate_prot)
a = mmap(NULL, 4K, PROT_READ|0x8, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
