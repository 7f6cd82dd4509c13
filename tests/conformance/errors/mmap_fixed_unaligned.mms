# MAP_FIXED and MAP_FIXED_NOREPLACE with an unaligned address are EINVAL (mm/mmap.c __get_unmapped_area / do_mmap offset_in_page)
a = mmap(0x100000000001, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(0x100000000800, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE)
maps()
