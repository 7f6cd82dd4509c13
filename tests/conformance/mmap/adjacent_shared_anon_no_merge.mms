# Two adjacent shared anonymous mappings never merge: each has its own shmem file (mm/vma.c is_mergeable_vma compares vm_file)
a = mmap(top - 1T, 8K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(top - 1T + 8K, 8K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
maps()
