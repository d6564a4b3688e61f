import { describe, expect, it } from 'vitest';
import type { PrecheckResult } from '../../src/shared/model/precheck';
import { moveStatus } from '../../src/renderer/src/features/wizard/steps/move-status';

const coldWarning: PrecheckResult = {
  code: 'VM_POWERED_OFF',
  severity: 'warning',
  message: 'DC0_C0_H0_VM4 is powered off: it moves cold, re-registered on DC0_C0_H1.',
  hint: 'Nothing runs during the move; power it on afterwards where it landed.',
};
const deviceError: PrecheckResult = {
  code: 'DEVICE_NOT_MIGRATABLE',
  severity: 'error',
  message: 'DC0_C0_H1_VM5 uses NVIDIA A100 (0000:3b:00.0), which cannot move live.',
  hint: 'Detach the device, or power the VM off and move it cold.',
};

// New-user review 11, finding 5 (issue #14): "Ready" beside a warning whose tick Finish still waited for.
describe("a VM's status on the Ready to complete page", () => {
  it('is not Ready while a warning of it waits for its acknowledgement, and names the warning', () => {
    expect(moveStatus([coldWarning], [], false)).toEqual({
      kind: 'needs-acknowledgement',
      text: `Needs your acknowledgement: ${coldWarning.message}`,
    });
  });

  it('is Ready once every warning of it is acknowledged, or when it has none', () => {
    expect(moveStatus([coldWarning], ['VM_POWERED_OFF'], false)).toEqual({ kind: 'ready', text: 'Ready' });
    expect(moveStatus([], [], false)).toEqual({ kind: 'ready', text: 'Ready' });
  });

  it('says it will not move when a check blocks it, whatever its warnings', () => {
    expect(moveStatus([coldWarning, deviceError], [], false)).toEqual({
      kind: 'blocked',
      text: `Will not move: ${deviceError.message}`,
    });
  });

  it('is not Ready before its checks are in', () => {
    expect(moveStatus(undefined, [], true)).toEqual({ kind: 'unknown', text: 'Checking…' });
    expect(moveStatus(undefined, [], false)).toEqual({ kind: 'unknown', text: 'Not checked' });
  });
});
