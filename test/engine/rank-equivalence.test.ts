import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rankHosts } from '../../src/main/engine/planning/recommend';
import type { Host } from '../../src/shared/model/inventory';
import type { MigrationType } from '../../src/shared/model/migration';
import { PrecheckCode, type HostRating } from '../../src/shared/model/precheck';
import { variedEstate } from './varied-estate';

// Ranking is tuned for 40,000 hosts; these pin what it says to the word, so a faster ranking
// cannot rate, order or explain one host differently. The snapshot was taken before the tuning.

const types: MigrationType[] = ['compute', 'storage', 'both'];

/** One line a host, as the wizard shows it: rating, score, reasons, then each check with its hint. */
const render = (ratings: HostRating[]): string[] =>
  ratings.map(
    (r) =>
      `${r.hostName} ${r.rating} ${r.score} | ${r.reasons.join(' / ')} | ` +
      r.checks.map((c) => `${c.severity}:${c.code} ${c.message} (${c.hint})`).join(' / '),
  );

const digest = (ratings: HostRating[]): string => createHash('sha256').update(JSON.stringify(ratings)).digest('hex').slice(0, 16);

async function rankAll(): Promise<{ ranked: Map<string, HostRating[]>; hosts: number }> {
  const world = await variedEstate();
  // As the engine does for disk moves: each host with its roomiest datastore.
  const storeFor = (h: Host): string | null =>
    h.datastoreIds
      .map((id) => world.view.datastore(id))
      .filter((d) => d !== undefined)
      .sort((a, b) => b.freeBytes - a.freeBytes)[0]?.id ?? null;
  const ranked = new Map<string, HostRating[]>();
  for (const vm of world.vms.values())
    for (const type of types) {
      const ratings = rankHosts(world.view, vm, type, world.inbound, false, type === 'compute' ? undefined : storeFor);
      ranked.set(`${vm.id} ${type}`, ratings);
    }
  const busy = world.vm('DC0_C0_H1_VM5');
  ranked.set(`${busy.id} compute, already migrating`, rankHosts(world.view, busy, 'compute', world.inbound, true));
  return { ranked, hosts: world.hosts.size };
}

describe('ranking hosts, pinned', () => {
  it('rates, orders and explains every host as before for a live guest', async () => {
    const { ranked, hosts } = await rankAll();
    const ratings = ranked.get('DC0_C0_H0_VM0 compute') ?? [];
    expect(ratings).toHaveLength(hosts);
    // The estate has hosts of every kind: passing, warned and blocked.
    expect(ratings.some((r) => r.rating > 0 && r.checks.length === 0)).toBe(true);
    expect(ratings.some((r) => r.rating > 0 && r.checks.length > 0)).toBe(true);
    expect(ratings.some((r) => r.rating === 0 && r.checks.length > 1)).toBe(true);
    expect(render(ratings)).toMatchSnapshot();
  });

  it('rates, orders and explains every host as before for every guest and kind of move', async () => {
    const { ranked } = await rankAll();
    // Every precheck fires somewhere in the estate, so each message is pinned.
    const fired = new Set([...ranked.values()].flatMap((ratings) => ratings.flatMap((r) => r.checks.map((c) => c.code))));
    // WILL_TIME_OUT weighs a move's own options, which a ranking has none of (option-checks.test.ts).
    expect([...fired].sort()).toEqual(PrecheckCode.options.filter((c) => c !== 'WILL_TIME_OUT').sort());
    expect(Object.fromEntries([...ranked].map(([key, ratings]) => [key, digest(ratings)]))).toMatchSnapshot();
  });
});
