# Shows: DONTUNMAP of a memfd MAP_SHARED mapping (5.13+): the old PTEs are gone but a touch
# refaults the same page-cache pages, so old and new ranges then show the same frames.
# kernel-notes "DONTUNMAP, shmem/memfd MAP_SHARED"; mms.md section 6.
fd = memfd_create("heap", 0)
ftruncate(fd, 16K)
heap = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 0)
store(heap, 16K, 'A')
to = mremap(heap, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000100000)
maps()
pagemap(heap, 16K, to, 16K)
load(heap, 8K)
pagemap(heap, 16K, to, 16K)
