import { VirtualClock } from '../../src/main/base/clock/virtual-clock';
import { SimDriver } from '../../src/main/drivers/sim/sim-driver';
import type { EngineView } from '../../src/main/engine/planning/view';
import { defaultClusterPolicy } from '../../src/main/engine/fleet/inventory-service';
import type { Datastore, Host, Vm } from '../../src/shared/model/inventory';

/** An engine view over a simulated preset, with plain maps a test can tweak. */
export async function presetView(preset: 'demo' | 'tiny' | 'large' = 'demo') {
  const sim = new SimDriver({ clock: new VirtualClock(), preset });
  const found = await sim.discover();
  const hosts = new Map<string, Host>(found.hosts.map((h) => [h.id, { ...h, driverId: 'sim', maintenance: 'off' as const }]));
  const vms = new Map<string, Vm>(found.vms.map((v) => [v.id, v]));
  const datastores = new Map<string, Datastore>(found.datastores.map((d) => [d.id, d]));
  const view: EngineView = {
    host: (id) => hosts.get(id),
    allHosts: () => [...hosts.values()],
    vm: (id) => vms.get(id),
    allVms: () => [...vms.values()],
    cluster: (id) => {
      const c = found.clusters.find((x) => x.id === id);
      return c && { ...c, policy: defaultClusterPolicy };
    },
    datastore: (id) => datastores.get(id),
    driver: (id) => (id === 'sim' ? sim : undefined),
  };
  const vm = (id: string): Vm => vms.get(id) as Vm;
  const host = (id: string): Host => hosts.get(id) as Host;
  return { view, hosts, vms, datastores, vm, host, sim };
}
