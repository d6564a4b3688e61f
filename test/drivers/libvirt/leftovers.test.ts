// The invariant of cleanup: removeLeftovers never destroys the only copy of a guest. Played
// against two fake hosts, each case names where copies are and what may be removed.

import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/base/logger';
import { HostRegistry } from '../../../src/main/drivers/libvirt/hosts/host-registry';
import { JobJournal } from '../../../src/main/drivers/libvirt/jobs/job-journal';
import { removeLeftovers } from '../../../src/main/drivers/libvirt/jobs/leftovers';
import { MemoryJournal } from '../../helpers/memory-journal';
import { jobSpec } from '../../helpers/job-spec';
import { FakeHost, Reason, State } from './fake-host';
import { migrationStats } from './fake-jobs';

const MiB = 1024 ** 2;

const VM = '6f1d2c3b-4a59-4e8f-9d0c-1b2a3c4d5e6f';
const registries: HostRegistry[] = [];
afterEach(async () => {
  await Promise.all(registries.splice(0).map((r) => r.closeAll()));
});

async function twoHosts() {
  const source = new FakeHost('11111111-1111-4111-8111-111111111111', 'src');
  const dest = new FakeHost('22222222-2222-4222-8222-222222222222', 'dst');
  const byUri = new Map([
    ['qemu+tcp://src/system', source],
    ['qemu+tcp://dst/system', dest],
  ]);
  const registry = new HostRegistry({ openClient: (config) => byUri.get(config.uri)!.open(), logger: silentLogger }, silentLogger);
  registries.push(registry);
  registry.add({ uri: 'qemu+tcp://src/system', clusterId: 'c' });
  registry.add({ uri: 'qemu+tcp://dst/system', clusterId: 'c' });
  await registry.ready();
  const spec = jobSpec(VM, `libvirt:${source.uuid}`, `libvirt:${dest.uuid}`);
  const ctx = {
    registry,
    sharedPools: new Set<string>(),
    journal: new JobJournal(new MemoryJournal(), silentLogger),
    logger: silentLogger,
  };
  const run = (hostId: string) => removeLeftovers(ctx, { spec, hostId, jobStatus: null, reservation: null });
  return { source, dest, spec, run };
}

const domain = (state: number, persistent = true, reason?: number) => ({
  name: 'vm',
  uuid: VM,
  state,
  persistent,
  ...(reason ? { reason } : {}),
});

describe('removing leftovers', () => {
  it('on the destination: refuses when the destination holds the only copy', async () => {
    const { dest, spec, run } = await twoHosts();
    dest.addDomain(domain(State.RUNNING));
    await expect(run(spec.destHostId)).rejects.toMatchObject({ code: 'OPERATION_FAILED', message: expect.stringContaining('only copy') });
    expect(dest.destroyed).toEqual([]);
    expect(dest.domains.has(VM)).toBe(true);
  });

  it('on the destination: removes its copy while the source still runs the guest', async () => {
    const { source, dest, spec, run } = await twoHosts();
    source.addDomain(domain(State.RUNNING));
    dest.addDomain(domain(State.PAUSED, false));
    await run(spec.destHostId);
    expect(dest.destroyed).toEqual([VM]);
    expect(dest.domains.has(VM)).toBe(false);
    expect(source.destroyed).toEqual([]);
  });

  it('on the destination: a whole paused source copy counts as the guest (rollback after a pre-copy switchover)', async () => {
    const { source, dest, spec, run } = await twoHosts();
    source.addDomain(domain(State.PAUSED, true, Reason.PAUSED_MIGRATION));
    dest.addDomain(domain(State.RUNNING, true, Reason.RUNNING_MIGRATED));
    await run(spec.destHostId);
    expect(dest.destroyed).toEqual([VM]);
    expect(dest.undefined).toEqual([VM]);
  });

  it('on the destination: never while the source still runs the migration job (libvirt may be finishing the switchover)', async () => {
    const { source, dest, spec, run } = await twoHosts();
    // The copy sent, the source stopped for the switchover, the destination resumed: libvirt's
    // confirmation on the source is still to come, and it kills the source's copy.
    source.addDomain({ ...domain(State.PAUSED, true, Reason.PAUSED_MIGRATION), job: migrationStats(256 * MiB, 256 * MiB) });
    dest.addDomain(domain(State.RUNNING, true, Reason.RUNNING_MIGRATED));
    await expect(run(spec.destHostId)).rejects.toMatchObject({
      code: 'OPERATION_FAILED',
      message: expect.stringContaining('still migrating'),
    });
    expect(dest.destroyed).toEqual([]);
    expect(dest.undefined).toEqual([]);
  });

  it.each([
    ['post-copy under way', Reason.PAUSED_POSTCOPY, State.RUNNING, Reason.RUNNING_POSTCOPY],
    ['post-copy failed, destination still running', Reason.PAUSED_POSTCOPY_FAILED, State.RUNNING, Reason.RUNNING_POSTCOPY_FAILED],
    ['post-copy failed, both halves paused', Reason.PAUSED_POSTCOPY_FAILED, State.PAUSED, Reason.PAUSED_POSTCOPY_FAILED],
  ])(
    'on the destination: never destroys its half of a post-copy (%s): the paused source is not a whole copy',
    async (_case, sourceReason, destState, destReason) => {
      const { source, dest, spec, run } = await twoHosts();
      source.addDomain(domain(State.PAUSED, true, sourceReason));
      dest.addDomain(domain(destState, true, destReason));
      await expect(run(spec.destHostId)).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
      expect(dest.destroyed).toEqual([]);
      expect(dest.undefined).toEqual([]);
    },
  );

  it('on the source: never destroys the half that still serves post-copy pages, even while the destination runs', async () => {
    const { source, dest, spec, run } = await twoHosts();
    dest.addDomain(domain(State.RUNNING, true, Reason.RUNNING_POSTCOPY));
    source.addDomain(domain(State.PAUSED, true, Reason.PAUSED_POSTCOPY));
    await expect(run(spec.sourceHostId)).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
    expect(source.destroyed).toEqual([]);
    expect(source.undefined).toEqual([]);
  });

  it('on the source after success: undefines a leftover definition, destroys a paused twin', async () => {
    const { source, dest, spec, run } = await twoHosts();
    dest.addDomain(domain(State.RUNNING));
    source.addDomain(domain(State.SHUTOFF));
    await run(spec.sourceHostId);
    expect(source.destroyed).toEqual([]);
    expect(source.undefined).toEqual([VM]);
    source.addDomain(domain(State.PAUSED));
    await run(spec.sourceHostId);
    expect(source.destroyed).toEqual([VM]);
  });

  it('on the source: never touches a copy that still runs, or the only one', async () => {
    const { source, dest, spec, run } = await twoHosts();
    source.addDomain(domain(State.RUNNING));
    dest.addDomain(domain(State.RUNNING));
    await expect(run(spec.sourceHostId)).rejects.toMatchObject({ code: 'OPERATION_FAILED' });
    dest.domains.clear();
    source.domains.get(VM)!.state = State.PAUSED;
    await expect(run(spec.sourceHostId)).rejects.toMatchObject({ message: expect.stringContaining('runs nowhere else') });
    expect(source.destroyed).toEqual([]);
    expect(source.undefined).toEqual([]);
  });

  it('cold: a shut-off definition counts as the guest on either side, and the only one is kept', async () => {
    const { source, dest, spec, run } = await twoHosts();
    spec.cold = true;
    // Rollback: the source still defines the guest, so the destination's definition goes.
    source.addDomain(domain(State.SHUTOFF));
    dest.addDomain(domain(State.SHUTOFF));
    await run(spec.destHostId);
    expect(dest.undefined).toEqual([VM]);
    // Commit: the destination defines it now, so the source's leftover definition goes.
    dest.addDomain(domain(State.SHUTOFF));
    await run(spec.sourceHostId);
    expect(source.undefined).toEqual([VM]);
    // With only one definition left, neither side removes it.
    await expect(run(spec.destHostId)).rejects.toMatchObject({ message: expect.stringContaining('only copy') });
    expect(dest.domains.has(VM)).toBe(true);
    // A guest someone powered on at the source meanwhile is left alone.
    source.addDomain(domain(State.RUNNING));
    await expect(run(spec.sourceHostId)).rejects.toMatchObject({ message: expect.stringContaining('running on its source') });
    expect(source.destroyed).toEqual([]);
  });

  it('refuses to decide while either host cannot be asked (it might hold the guest)', async () => {
    const { source, dest, spec, run } = await twoHosts();
    dest.addDomain(domain(State.RUNNING));
    source.refuse = 1_000;
    source.dropConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(run(spec.destHostId)).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    await expect(run(spec.sourceHostId)).rejects.toMatchObject({ code: 'HOST_UNREACHABLE' });
    expect(dest.destroyed).toEqual([]);
    expect(dest.undefined).toEqual([]);
  });
});
