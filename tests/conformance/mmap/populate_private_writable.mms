# MAP_POPULATE on a private writable mapping write-faults every page: exclusive real pages, not the zero page (mm/gup.c populate_vma_page_range FOLL_WRITE)
a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_POPULATE)
pagemap(a, 16K)
load(a, 16K)
