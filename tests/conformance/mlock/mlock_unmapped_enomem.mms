# mlock and munlock of an unmapped range fail with ENOMEM (mm/mlock.c apply_vma_lock_flags)
mlock(top - 1T, 8K)
munlock(top - 1T, 8K)
mlock2(top - 1T, 8K, MLOCK_ONFAULT)
