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
export declare function sysOk(ret: bigint | number, out?: readonly OutValue[]): SysResult;
export declare function sysErr(errno: number, out?: readonly OutValue[]): SysResult;
/** A kernel-style return (>= 0 value, or -errno) as a SysResult. */
export declare function sysFromKernel(r: number): SysResult;
export declare const SYS_ENOSYS: SysResult;
