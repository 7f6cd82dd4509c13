# Two adjacent private anonymous mappings with the same flags merge into one VMA (mm/vma.c)
a = mmap(top - 1T, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(top - 1T + 8K, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
maps()
