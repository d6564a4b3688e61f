import type { Envelope } from '../../src/shared/api';
import type { Pools } from './gen/from-schema';

/** One call through a shell: in process (the router) or over the browser shell's WebSocket. */
export type Invoke = (name: unknown, payload: unknown) => Promise<Envelope<unknown>>;

/** The bridge's answer to a message over its 1 MiB limit: it closes the socket (1009), a refusal, not a crash. */
export class ClosedAsTooBig extends Error {}

// Hosts nothing listens on (port 1 of this machine), so adding or testing one fails fast and typed.
const unreachableUris = [
  'qemu+tcp://127.0.0.1:1/system',
  'qemu+ssh://fuzz@127.0.0.1:1/system',
  'qemu+tls://127.0.0.1:1/system',
  'qemu+unix:///system?socket=/nonexistent/ferry-fuzz.sock',
];

/** What exists now, read through the same calls the renderer makes. */
export async function refreshPools(invoke: Invoke, pools: Pools): Promise<void> {
  const value = async <T>(name: string, payload: unknown): Promise<T | null> => {
    const envelope = await invoke(name, payload);
    return envelope.ok ? (envelope.value as T) : null;
  };
  const ids = (rows: { id: string }[] | null | undefined): string[] => (rows ?? []).map((r) => r.id);
  type Snapshot = Record<'clusters' | 'hosts' | 'vms' | 'datastores', { id: string }[]>;
  const snapshot = await value<Snapshot>('inventory.snapshot', {});
  pools.set('vm', ids(snapshot?.vms));
  pools.set('host', ids(snapshot?.hosts));
  pools.set('cluster', ids(snapshot?.clusters));
  pools.set('datastore', ids(snapshot?.datastores));
  pools.set('task', ids(await value('tasks.list', { limit: 200 })));
  pools.set('schedule', ids(await value('schedules.list', {})));
  pools.set('recommendation', ids((await value<{ balancing: { id: string }[] }>('recommendations.list', {}))?.balancing));
  pools.set('connection', ids(await value('hosts.connections', {})));
  const drivers = ids(await value('drivers.list', {}));
  pools.set('driver', drivers);
  pools.set('faultRule', drivers[0] ? ids(await value('faults.list', { driverId: drivers[0] })) : []);
  const cluster = pools.get('cluster')?.[0];
  const baseline = cluster ? await value<{ models: string[] }>('clusters.cpuBaseline', { clusterId: cluster }) : null;
  pools.set('cpuModel', [...(baseline?.models ?? []), 'Skylake-Server', 'qemu64']);
  pools.set('uri', unreachableUris);
  pools.set('cron', ['0 2 * * *', '*/5 * * * *', '30 1 * * 1-5', '0 0 1 1 *', '* * * * * *']);
  pools.set('timezone', ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']);
}
