import type { PrecheckCode, PrecheckResult } from '../../../../../shared/model/precheck';

export interface MoveStatus {
  kind: 'ready' | 'needs-acknowledgement' | 'blocked' | 'unknown';
  text: string;
}

/**
 * A VM's Status on the Ready to complete page, as Finish judges it: "Ready" only when nothing is left
 * for the admin to do. A warning still unticked read "Ready" while Finish waited for it (new-user
 * review 11, 5). `results` is undefined until its checks are in.
 */
export function moveStatus(
  results: readonly PrecheckResult[] | undefined,
  acknowledged: readonly PrecheckCode[],
  loading: boolean,
): MoveStatus {
  if (!results) return { kind: 'unknown', text: loading ? 'Checking…' : 'Not checked' };
  const error = results.find((r) => r.severity === 'error');
  if (error) return { kind: 'blocked', text: `Will not move: ${error.message}` };
  const waiting = results.filter((r) => r.severity === 'warning' && !acknowledged.includes(r.code));
  if (waiting.length > 0)
    return { kind: 'needs-acknowledgement', text: `Needs your acknowledgement: ${waiting.map((r) => r.message).join(' ')}` };
  return { kind: 'ready', text: 'Ready' };
}
