# An unaligned hint is page-aligned, not rejected (arch/x86/kernel/sys_x86_64.c arch_get_unmapped_area_topdown: addr &= PAGE_MASK)
a = mmap(top - 1T + 0x123, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
