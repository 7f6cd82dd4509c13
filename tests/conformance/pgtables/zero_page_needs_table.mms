# A read that maps the zero page still needs page tables (mm/memory.c do_anonymous_page)
a = mmap(top - 1T, 8K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
load(a, 8K)
pgtables()
