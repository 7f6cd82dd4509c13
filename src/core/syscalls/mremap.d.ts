/**
 * mremap(2), modelled on mm/mremap.c of Linux 6.18 (struct vma_remap_struct), with the older
 * behaviour of the 5.7 / 5.13 / 6.8 profiles.
 *
 * ## 6.18 (do_mremap())
 *
 * 1. old_len and new_len = PAGE_ALIGN() (u64: a new_len within 4095 of 2^64 wraps to 0).
 * 2. check_mremap_params(), before any lookup: flags outside FIXED|MAYMOVE|DONTUNMAP, addr not
 *    page-aligned, new_len == 0, new_len > TASK_SIZE -> EINVAL. Then only when FIXED or
 *    DONTUNMAP (vrm_implies_new_addr(); otherwise new_addr is ignored): new_addr >
 *    TASK_SIZE - new_len, new_addr unaligned, no MAYMOVE, DONTUNMAP with old_len != new_len,
 *    vrm_overlaps() (end_old > start_new && end_new > start_old, u64) -> EINVAL; map count
 *    + 2 >= max_map_count - 3 -> ENOMEM.
 * 3. vrm_move_only() (FIXED and old_len == new_len) -> remap_move(): for every VMA meeting
 *    [addr, addr + old_len) in order: a hole at the start -> EFAULT; the piece is
 *    [max(vm_start, addr), min(vm_end, end)); its target is the previous target's end plus
 *    the source gap (so holes are kept, and mappings inside destination holes survive);
 *    vma_multi_allowed() (not uffd-armed) must hold unless it is the only VMA (EFAULT, the
 *    earlier pieces stay moved); then check_prep_vma() + mremap_to() per piece. The result
 *    is the first piece's address.
 * 4. Otherwise vma_lookup(addr) and check_prep_vma(): no VMA -> EFAULT; sealed -> EPERM;
 *    remap type; new_addr = addr unless FIXED/DONTUNMAP; nothing more unless the call grows
 *    or implies a new address (vrm_will_map_new()): old_len == 0 on a private VMA -> EINVAL;
 *    DONTUNMAP on VM_DONTEXPAND|VM_PFNMAP -> EINVAL; [addr, addr + old_len) past vm_end
 *    (a shrink checks only new_len) -> EFAULT; for growth: VM_LOCKED -> populate later;
 *    pgoff overflow -> EINVAL; VM_DONTEXPAND|VM_PFNMAP -> EFAULT; mlock limit -> EAGAIN
 *    (root: never); may_expand_vm() -> ENOMEM (RLIMIT_AS unlimited: never).
 * 5. FIXED or DONTUNMAP -> mremap_to(): FIXED unmaps [new_addr, new_addr + new_len) first
 *    (do_munmap) and looks the VMA up again (EFAULT if the unmap took it); a shrink unmaps
 *    the tail and moves new_len; DONTUNMAP checks may_expand_vm(old_len); vrm_set_new_addr():
 *    get_unmapped_area(file, FIXED or DONTUNMAP ? new_addr : 0, new_len, pgoff,
 *    MAP_FIXED if FIXED | MAP_SHARED if VM_MAYSHARE) -- DONTUNMAP alone uses new_addr as a
 *    hint; then move_vma().
 *    Otherwise mremap_at(): same size -> addr; shrink -> do_vmi_munmap() of the tail (across
 *    VMAs and holes, unchecked); grow -> expand_vma(): in place when [addr, addr + old_len)
 *    ends at vm_end and vma_expandable() (nothing in [vm_end, vm_end + delta) and
 *    get_unmapped_area(MAP_FIXED) accepts it): vma_merge_extend(); else no MAYMOVE -> ENOMEM;
 *    else vrm_set_new_addr() without hint (top-down, THP-aligned for anonymous 2 MiB
 *    multiples) and move_vma().
 * 6. move_vma(): prep_move_vma() (map count -> ENOMEM); vrm_calc_charge() (VM_ACCOUNT:
 *    new_len for DONTUNMAP, else delta; overcommit -> ENOMEM); copy_vma_and_data():
 *    copy_vma() (new VMA at new_addr of new_len with pgoff = vm_pgoff + offset; an unfaulted
 *    private anon VMA's pgoff is rebased to new_addr; it may merge with its neighbours, even
 *    with the source) and move_page_tables() (movePageTables.ts); then DONTUNMAP ->
 *    dontunmap_complete() (clear VM_LOCKED|VM_LOCKONFAULT on the source VMA, unlink its
 *    anon_vma when it moved whole), else unmap_source_vma() (do_vmi_munmap of the old range).
 * 7. After the lock is dropped: a successful growth of a VM_LOCKED VMA populates
 *    [new_addr + old_len, + delta) (mm_populate(); skipped for VM_LOCKONFAULT).
 *
 * A mirror (old_len == 0, shared memory only) is a growth that can never happen in place: it
 * goes through move_vma() with nothing to move and nothing to unmap.
 *
 * ## Older profiles (< 6.17), modelled on the 6.16 code and the 5.x syscall
 *
 * - check_mremap_params() ran before PAGE_ALIGN(): DONTUNMAP compares the raw lengths; only
 *   flags, addr alignment, new_len, and with FIXED/DONTUNMAP new_addr alignment, MAYMOVE,
 *   DONTUNMAP lengths and map count are checked before the lookup.
 * - 5.16+ (6.8): vma_lookup() first (EFAULT); before (5.7, 5.13) a shrink or same-size call
 *   without FIXED/DONTUNMAP is just do_munmap() of the tail and never looks the VMA up, and
 *   mremap_to() unmaps the destination before looking the source up.
 * - mremap_to(): new_len > TASK_SIZE or new_addr > TASK_SIZE - new_len -> EINVAL, overlap ->
 *   EINVAL, then the FIXED unmap, the shrink, and only then the VMA checks: a failing
 *   FIXED call may already have unmapped its destination.
 * - remap_is_valid() runs for a grow without FIXED; new_len > TASK_SIZE then fails later
 *   (ENOMEM from get_unmapped_area()).
 * - DONTUNMAP: private anonymous only before 5.13 (EINVAL); the source kept VM_ACCOUNT.
 * - No multi-VMA moves: a FIXED range past vm_end -> EFAULT.
 *
 * Effects: the core helpers log VMA and entry changes; copy_vma()'s new VMA is logged as
 * `vma.move` (before = the source range) instead of `vma.add`, except for a mirror.
 */
import type { Mm } from '../mm';
import { type SysResult } from './result';
export declare function sysMremap(
  mm: Mm,
  oldAddr: bigint,
  oldLen: bigint,
  newLen: bigint,
  flags: bigint,
  newAddr: bigint,
): SysResult;
