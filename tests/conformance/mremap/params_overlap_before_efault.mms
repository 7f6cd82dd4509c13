# Shows: the overlap and new_addr range checks come before the lookup in 6.17+: an unmapped
# source with an overlapping or too-high destination gives EINVAL, not EFAULT (up to 6.16
# they ran after the lookup). kernel-notes check 6.
mremap(0x100000000000, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000002000)
mremap(0x100000000000, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x7ffffffff000)
mremap(0x100000000000, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, 0x7fffffffe000)
mremap(0x100000000000, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
