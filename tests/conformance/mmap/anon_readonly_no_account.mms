# A read-only private anonymous mapping is not accounted: no ac flag (mm/mmap.c accountable_mapping needs VM_WRITE)
a = mmap(NULL, 8K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
b = mmap(NULL, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS)
maps()
