# Shows: growing private writable memory is charged (VM_ACCOUNT, vrm_calc_charge()): beyond
# RAM + swap the overcommit heuristic refuses with ENOMEM; MAP_NORESERVE and shared memory are
# not charged and grow. kernel-notes check 8 "RLIMIT_AS -> ENOMEM" is a different limit.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 16K, 64G, 0)
mremap(a, 16K, 64G, MREMAP_MAYMOVE)
n = mmap(0x110000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_NORESERVE)
n2 = mremap(n, 16K, 64G, 0)
s = mmap(0x120000000000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
s2 = mremap(s, 16K, 64G, 0)
r = mmap(0x130000000000, 16K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
r2 = mremap(r, 16K, 64G, 0)
maps()
