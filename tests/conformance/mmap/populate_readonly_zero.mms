# MAP_POPULATE on a read-only private mapping read-faults: every page maps the shared zero page (mm/gup.c populate_vma_page_range)
a = mmap(NULL, 16K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE)
pagemap(a, 16K)
