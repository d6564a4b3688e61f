import { describe, expect, it } from 'vitest';
import type { HostRating, PrecheckResult } from '../../src/shared/model/precheck';
import { diskBoundWords, vmsHeldByTheirDisks } from '../../src/renderer/src/features/wizard/disk-bound';

const error = (code: PrecheckResult['code']): PrecheckResult => ({ code, severity: 'error', message: code, hint: '' });
const blocked = (hostId: string, ...codes: PrecheckResult['code'][]): HostRating => ({
  hostId,
  hostName: hostId,
  rating: 0,
  score: -1,
  reasons: codes,
  checks: codes.map(error),
});
const fits = (hostId: string): HostRating => ({ hostId, hostName: hostId, rating: 4, score: 0.5, reasons: [], checks: [] });

// New-user review 12, finding 15: a VM on a host's own datastore found every host blocked for a
// compute-only move, with no word of the move type that takes its disk along.
describe('the VMs a compute-only move leaves without a host because of where their disks are', () => {
  it('are those every host refuses, some only for not reaching their disks', () => {
    const local = [blocked('H0', 'SAME_HOST'), blocked('H1', 'STORAGE_NOT_REACHABLE'), blocked('H2', 'CPU_VENDOR_MISMATCH')];
    const shared = [blocked('H0', 'SAME_HOST'), fits('H1'), blocked('H2', 'CPU_VENDOR_MISMATCH')];
    const gpu = [blocked('H0', 'SAME_HOST'), blocked('H1', 'DEVICE_NOT_MIGRATABLE', 'STORAGE_NOT_REACHABLE')];
    expect(vmsHeldByTheirDisks([local, shared, gpu], ['local', 'shared', 'gpu'])).toEqual(['local']);
    // A host that takes it compute-only is the way: no word then.
    expect(vmsHeldByTheirDisks([[blocked('H1', 'STORAGE_NOT_REACHABLE'), fits('H2')]], ['partly'])).toEqual([]);
  });

  it('are named with the move type that takes the disks along, and what switching means for a batch', () => {
    expect(diskBoundWords(['DC0_C0_H0_VM2'], 1)).toBe(
      "No host takes DC0_C0_H0_VM2 as a compute-only move: the hosts that could run it do not reach the storage its disk is on. Changing both compute and storage (shared-nothing) copies its disk to the destination's datastore as it moves.",
    );
    expect(diskBoundWords(['a', 'b'], 3)).toBe(
      "No host takes a and b as a compute-only move: the hosts that could run them do not reach the storage their disks are on. Changing both compute and storage (shared-nothing) copies their disks to the destination's datastore as they move; every VM of the batch then moves with its disks.",
    );
  });
});
