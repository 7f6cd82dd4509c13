# A page-aligned offset is accepted and ignored for private anonymous memory (arch/x86/kernel/sys_x86_64.c only checks its alignment)
a = mmap(NULL, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 64K)
maps()
