/**
 * The result of a system call as the simulator reports it: the raw return value (an address,
 * an fd, 0, or -1) and errno, plus the out fields an ioctl leaves in its argument struct.
 */
import { ENOSYS } from '../errno';

/** An out field of an ioctl (mms.md section 5), by the name the transcript prints. */
export interface OutValue {
  readonly name: 'features' | 'ioctls' | 'copy' | 'zeropage' | 'mapped' | 'move' | 'updated';
  readonly value: bigint;
}

export interface SysResult {
  readonly ret: bigint;
  /** errno when the call failed (ret is -1), else 0. */
  readonly errno: number;
  readonly out: readonly OutValue[];
}

const NO_OUT: readonly OutValue[] = [];

export function sysOk(ret: bigint | number, out: readonly OutValue[] = NO_OUT): SysResult {
  return { ret: typeof ret === 'bigint' ? ret : BigInt(ret), errno: 0, out };
}

export function sysErr(errno: number, out: readonly OutValue[] = NO_OUT): SysResult {
  return { ret: -1n, errno, out };
}

/** A kernel-style return (>= 0 value, or -errno) as a SysResult. */
export function sysFromKernel(r: number): SysResult {
  return r < 0 ? sysErr(-r) : sysOk(r);
}

export const SYS_ENOSYS: SysResult = sysErr(ENOSYS);
