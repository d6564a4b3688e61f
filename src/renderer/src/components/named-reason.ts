/**
 * Whether a reason already names every VM it is about ("VM5 uses NVIDIA A100…"): such a reason is not
 * headed by the names again, which read as a fault ("VM5: VM5 uses…", new-user reviews 13 and 14).
 */
export const namesItsVms = (reason: string, names: readonly string[]): boolean => names.every((name) => reason.includes(name));

/** "VM0, VM2: Intel guest, AMD host", or the reason alone when it names them already. */
export const namedReason = (reason: string, names: readonly string[]): string =>
  namesItsVms(reason, names) ? reason : `${names.join(', ')}: ${reason}`;
