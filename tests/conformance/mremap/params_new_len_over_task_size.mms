# Shows: new_len > TASK_SIZE -> EINVAL before the lookup (6.17+; up to 6.16 only checked in
# mremap_to, so a plain grow of an unmapped address gave EFAULT). kernel-notes check 5.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 16K, 0x800000000000, MREMAP_MAYMOVE)
mremap(a, 16K, 0x7ffffffff000 + 4K, MREMAP_MAYMOVE)
mremap(0x200000000000, 4K, 0x800000000000, 0)
mremap(0x200000000000, 4K, 0x7ffffffff000, 0)
maps()
