# Shows: DONTUNMAP without FIXED uses new_addr as a placement hint: a free hint is taken
# as is. kernel-notes check 10; vrm_set_new_addr().
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, 0x100000100000)
maps()
