# MAP_NORESERVE with overcommit 0 sets VM_NORESERVE (nr) and the VMA is not accounted (no ac) (mm/mmap.c do_mmap)
a = mmap(NULL, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE)
b = mmap(NULL, 8K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_NORESERVE)
maps()
