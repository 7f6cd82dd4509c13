# Shows: without FIXED or DONTUNMAP a same-size call returns addr at once, without checking
# the range: it may run past vm_end and over holes, MAYMOVE or not. kernel-notes check 8;
# vrm_will_map_new() false -> check_prep_vma() returns early, mremap_at() NO_RESIZE.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 1M, 1M, 0)
mremap(a + 4K, 64K, 64K, MREMAP_MAYMOVE)
mremap(a + 12K, 0x10000000, 0x10000000, 0)
maps()
