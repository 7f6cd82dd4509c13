# Shows: the parameter checks run before any VMA lookup, so on an unmapped source they give
# EINVAL, not EFAULT: bad flags, unaligned addr, new_len 0 (also a new_len that wraps to 0).
# Only a valid call reaches the lookup and gets EFAULT. kernel-notes "order of checks" 1-4, 8.
mremap(0x100000000000, 4K, 4K, 8)
mremap(0x100000000001, 4K, 4K, 0)
mremap(0x100000000000, 4K, 0, MREMAP_MAYMOVE)
mremap(0x100000000000, 4K, -1, MREMAP_MAYMOVE)
mremap(0x100000000000, 4K, -4095, MREMAP_MAYMOVE)
mremap(0x100000000000, 4K, 8K, MREMAP_MAYMOVE)
mremap(0x100000000000, 4K, 4K, 0)
