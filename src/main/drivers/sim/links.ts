import type { Datastore } from '../../../shared/model/inventory';
import type { SimHost, SimJob } from './state';

export interface JobRates {
  linkBps: number;
  storageBps: number;
}

const active = (job: SimJob): boolean => job.phase !== 'completed' && job.phase !== 'failed' && job.phase !== 'cancelled';

/**
 * Shares bandwidth among concurrent migrations: each host's migration NIC is split evenly among the
 * jobs using it, each datastore's throughput among the disk copies using it, and a job gets the
 * smallest share along its path (or its own limit).
 */
export function shareBandwidth(
  jobs: readonly SimJob[],
  hosts: ReadonlyMap<string, SimHost>,
  datastores: ReadonlyMap<string, Datastore>,
): Map<string, JobRates> {
  const running = jobs.filter(active);
  const nicUsers = new Map<string, number>();
  const storeUsers = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1);
  for (const job of running) {
    if (job.spec.type !== 'storage') {
      bump(nicUsers, job.spec.sourceHostId);
      bump(nicUsers, job.spec.destHostId);
    }
    if (job.spec.destDatastoreId) bump(storeUsers, job.spec.destDatastoreId);
  }
  const rates = new Map<string, JobRates>();
  for (const job of running) {
    const nicShare = (hostId: string): number => {
      const host = hosts.get(hostId);
      const link = host && host.health !== 'failed' ? host.migrationBandwidthBps : 0;
      return link / (nicUsers.get(hostId) ?? 1);
    };
    const limit = job.bandwidthLimitBps ?? Infinity;
    const linkBps = job.spec.type === 'storage' ? limit : Math.min(limit, nicShare(job.spec.sourceHostId), nicShare(job.spec.destHostId));
    const store = job.spec.destDatastoreId ? datastores.get(job.spec.destDatastoreId) : undefined;
    const storageBps = store ? Math.min(limit, store.throughputBps / (storeUsers.get(store.id) ?? 1)) : 0;
    rates.set(job.spec.jobId, { linkBps: Number.isFinite(linkBps) ? linkBps : 0, storageBps });
  }
  return rates;
}
