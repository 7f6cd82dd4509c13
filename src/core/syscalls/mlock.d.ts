/**
 * mlock(2), mlock2(2), munlock(2): mm/mlock.c do_mlock, apply_vma_lock_flags, mlock_fixup.
 * We are root: CAP_IPC_LOCK lifts RLIMIT_MEMLOCK.
 */
import type { Mm } from '../mm';
import { type SysResult } from './result';
export declare function sysMlock(mm: Mm, start: bigint, len: bigint): SysResult;
export declare function sysMlock2(mm: Mm, start: bigint, len: bigint, flags: bigint): SysResult;
export declare function sysMunlock(mm: Mm, startB: bigint, lenB: bigint): SysResult;
