# Two adjacent shared anonymous mappings never merge: each has its own shmem file (mm/vma.c is_mergeable_vma compares vm_file)
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(0x100000002000, 8K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
maps()
