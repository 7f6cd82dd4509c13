# mmap does not validate prot: PROT_SEM (0x8) and unknown bits (0x10) are accepted and ignored (mm/mmap.c do_mmap; only mprotect calls arch_validate_prot)
a = mmap(NULL, 4K, PROT_READ|0x8, MAP_PRIVATE|MAP_ANONYMOUS)
b = mmap(NULL, 8K, PROT_READ|PROT_WRITE|0x10, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
