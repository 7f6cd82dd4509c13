# Shows: growing a locked shared mapping in place populates the new part by read faults
# (populate_vma_page_range(): FOLL_WRITE only for private writable memory): shmem pages are
# allocated in the page cache, but only up to the file's size: a shared anonymous mapping's
# shmem object is as long as the original mmap, so its grown part stays empty (it would
# SIGBUS), like the part of a memfd past EOF (populate ignores the errors).
s = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED|MAP_LOCKED)
t = mremap(s, 8K, 16K, 0)
pagemap(s, 16K)
fd = memfd_create("lk", 0)
ftruncate(fd, 12K)
m = mmap(0x100000100000, 8K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED|MAP_LOCKED, fd, 0)
n = mremap(m, 8K, 16K, 0)
pagemap(m, 16K)
maps()
