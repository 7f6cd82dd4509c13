# MADV_POPULATE_READ on private anonymous memory maps the zero page everywhere (mm/madvise.c madvise_populate, mm/gup.c faultin_page_range)
a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
madvise(a, 16K, MADV_POPULATE_READ)
pagemap(a, 16K)
