# MAP_STACK implies VM_NOHUGEPAGE since 6.7: the VMA shows nh (include/linux/mman.h calc_vm_flag_bits)
a = mmap(NULL, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK)
maps()
