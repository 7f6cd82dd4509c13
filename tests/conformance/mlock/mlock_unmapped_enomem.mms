# mlock and munlock of an unmapped range fail with ENOMEM (mm/mlock.c apply_vma_lock_flags)
mlock(0x100000000000, 8K)
munlock(0x100000000000, 8K)
mlock2(0x100000000000, 8K, MLOCK_ONFAULT)
