# Shared anonymous memory of 2 MiB goes through shmem_get_unmapped_area; with shmem THP never it is not 2 MiB-aligned (mm/shmem.c shmem_get_unmapped_area; kernel-notes: shmem THP never)
a = mmap(NULL, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS)
b = mmap(NULL, 2M, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS)
maps()
