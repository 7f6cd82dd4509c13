# MAP_FIXED and MAP_FIXED_NOREPLACE with an unaligned address are EINVAL (mm/mmap.c __get_unmapped_area / do_mmap offset_in_page)
a = mmap(top - 1T + 0x1, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
b = mmap(top - 1T + 2K, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED_NOREPLACE)
maps()
