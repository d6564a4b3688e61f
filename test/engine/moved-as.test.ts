import { describe, expect, it } from 'vitest';
import { movedAs } from '../../src/shared/model/moved-as';
import { openWorld, request, untilFinished } from './harness';
import { useServices } from '../helpers/services';

// New-user review 14, 5: "Compute and storage" onto the datastore the disks already sat on copied them
// there (53 GiB, 50 s before the memory moved), where vCenter moves the VM alone.
describe('a compute-and-storage move onto the store its disks are on', () => {
  const start = useServices();

  it('moves compute only, with nothing to copy; a disk elsewhere still moves', () => {
    const disks = [{ datastoreId: 'DS0' }, { datastoreId: 'DS0' }];
    expect(movedAs(disks, { type: 'both', destDatastoreId: 'DS0' })).toEqual({ type: 'compute', destDatastoreId: null });
    expect(movedAs([...disks, { datastoreId: 'DS1' }], { type: 'both', destDatastoreId: 'DS0' }).type).toBe('both');
    expect(movedAs(disks, { type: 'storage', destDatastoreId: 'DS0' }).type).toBe('storage');
    expect(movedAs([], { type: 'both', destDatastoreId: 'DS0' }).type).toBe('both');
  });

  it('is queued, predicted, checked and run as a compute move by the engine', async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const engine = world.services.engine;
    const vmId = 'DC0_C0_H0_VM0';
    const store = world.services.inventory.vm(vmId)?.disks[0]?.datastoreId ?? '';
    expect(store).toBe('DC0_C0_DS0');
    const asked = request({ vmIds: [vmId], destHostId: 'DC0_C0_H2', type: 'both', destDatastoreId: store });
    expect(engine.checks(asked)[0]?.results.filter((r) => r.severity === 'error')).toEqual([]);
    const [predicted] = await engine.predict(asked);
    const [alone] = await engine.predict({ ...asked, type: 'compute', destDatastoreId: null });
    expect(predicted?.prediction.transferBytes).toBe(alone?.prediction.transferBytes);
    const [task] = engine.request(asked, { requestedBy: 'alice' });
    expect(task).toMatchObject({ type: 'compute', destDatastoreId: null });
    const done = await untilFinished(world, task?.id ?? '');
    expect(done.state).toBe('completed');
    expect(done.progress.diskProcessedBytes).toBe(0);
    expect(world.services.inventory.vm(vmId)).toMatchObject({ hostId: 'DC0_C0_H2' });
  }, 60_000);

  // New-user review 15, 3: Ready to complete said two of four such moves would wait ~27 s for the source's
  // cap (a disk copy's cost), while all four started at once.
  it("is predicted for a batch as the engine queues it: no wait for a disk copy's cap", async () => {
    const world = await openWorld(start, { preset: 'demo' });
    const vmIds = ['DC0_C0_H0_VM0', 'DC0_C0_H0_VM2', 'DC0_C0_H0_VM3', 'DC0_C0_H0_VM4'];
    const predicted = await world.services.predictions.predict({
      vmIds,
      destHostId: 'DC0_C0_H2',
      type: 'both',
      destDatastoreId: 'DC0_C0_DS0',
      options: request({ vmIds }).options,
    });
    expect(predicted.map((p) => [p.vmId, p.schedule.startsInMs])).toEqual(vmIds.map((id) => [id, 0]));
  }, 60_000);
});
