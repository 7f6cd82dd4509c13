# mmap needs MAP_SHARED, MAP_PRIVATE or MAP_SHARED_VALIDATE: none of them, or an invalid type, is EINVAL (mm/mmap.c do_mmap switch on MAP_TYPE)
a = mmap(NULL, 4K, PROT_READ, MAP_ANONYMOUS)
b = mmap(NULL, 4K, PROT_READ, MAP_ANONYMOUS|0x4)
c = mmap(NULL, 4K, PROT_READ, MAP_ANONYMOUS|0xf)
