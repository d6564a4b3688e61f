import { it } from 'vitest';
import { rankHosts } from '../src/main/engine/planning/recommend';
import type { EngineView } from '../src/main/engine/planning/view';
import { defaultClusterPolicy } from '../src/main/engine/fleet/inventory-service';
import type { Host, Vm } from '../src/shared/model/inventory';
import { presetView } from '../test/engine/fake-view';
import { bestOf, record, size } from './harness';

/** `copies` of the large preset's 2,000 hosts (with their 40,000 VMs each), as one inventory. */
async function copiesOfLarge(copies: number): Promise<{ view: EngineView; hosts: number; vms: Map<string, Vm> }> {
  const { hosts: base, vms: baseVms, datastores } = await presetView(size(1, 0) ? 'large' : 'demo');
  const hosts = new Map<string, Host>();
  const vms = new Map<string, Vm>();
  for (let c = 0; c < copies; c++) {
    for (const h of base.values()) hosts.set(`${h.id}#${c}`, { ...h, id: `${h.id}#${c}`, name: `${h.name}#${c}` });
    for (const v of baseVms.values()) vms.set(`${v.id}#${c}`, { ...v, id: `${v.id}#${c}`, hostId: `${v.hostId}#${c}` });
  }
  const view: EngineView = {
    host: (id) => hosts.get(id),
    allHosts: () => [...hosts.values()],
    vm: (id) => vms.get(id),
    allVms: () => [...vms.values()],
    cluster: (id) => ({ id, name: id, datacenterId: 'DC0', cpuBaseline: [], policy: defaultClusterPolicy }),
    datastore: (id) => datastores.get(id),
    driver: () => undefined,
  };
  return { view, hosts: hosts.size, vms };
}

// 10,000 hosts (five copies), and four times that (the scale beyond one vCenter).
for (const copies of [size(5, 1), size(20, 2)]) {
  it(`ranks ${copies * 2000} hosts for one VM`, async () => {
    const { view, vms } = await copiesOfLarge(copies);
    const vm = [...vms.values()].find((v) => v.power === 'running') as Vm;
    let rated = 0;
    const ms = await bestOf(size(5, 1), () => {
      rated = rankHosts(view, vm, 'compute', new Map()).length;
    });
    record({
      name: `engine: rank ${rated.toLocaleString('en')} hosts (${vms.size.toLocaleString('en')} VMs) for one VM`,
      value: ms,
      unit: 'ms',
      goal: size(50, 0) || null,
      better: 'lower',
    });
  });
}
