import { describe, expect, it } from 'vitest';
import { migrationCosts } from '../../src/main/engine/planning/costs';
import { admit } from '../../src/main/engine/planning/queue';
import type { EngineView } from '../../src/main/engine/planning/view';
import type { Host } from '../../src/shared/model/inventory';
import type { Priority, Task } from '../../src/shared/model/migration';
import { newTask } from '../../src/main/engine/run/task-factory';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';

const host = (id: string, gbps = 10): Host => ({ id, name: id, migrationBandwidthBps: (gbps * 1e9) / 8 }) as Host;
const hosts = new Map([
  ...['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((id) => [id, host(id)] as const),
  ['S', host('S', 5)] as const,
]);
const view = { host: (id: string) => hosts.get(id), datastore: () => undefined } as unknown as EngineView;

let clock = 0;
function task(
  vm: string,
  from: string,
  to: string,
  options: { type?: Task['type']; priority?: Priority; ds?: string[]; destDs?: string; sameSecond?: boolean } = {},
): Task {
  const t = newTask(
    {
      vmIds: [vm],
      destHostId: to,
      type: options.type ?? 'compute',
      destDatastoreId: options.destDs ?? null,
      priority: options.priority ?? 'default',
      options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
      acknowledgedWarnings: [],
    },
    { id: vm, name: vm, hostId: from, disks: (options.ds ?? ['shared']).map((d) => ({ datastoreId: d })) } as never,
    null,
    { requestedBy: 'test' },
    new Date(Date.UTC(2026, 0, 1, 0, 0, options.sameSecond ? clock : clock++)).toISOString(),
  );
  return t;
}
const costs = (t: Task) => migrationCosts(t, view);
const ids = (tasks: Task[]) => tasks.map((t) => t.vmId);

describe('migration queue', () => {
  it('caps a host at 8: compute moves cost 1 each; the ninth waits and says for which cap', () => {
    // One source, nine destinations: the source host (cost 1 each) fills at 8; its 10 Gb/s link caps at 8 too.
    const queued = ['B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'].map((to, i) => task(`vm${i}`, 'A', to));
    const { start, waiting } = admit(queued, [], costs);
    expect(start).toHaveLength(8);
    expect(waiting.get(queued[8]!.id)).toMatchObject({ kind: 'host', resourceId: 'host:A', used: 8, cap: 8, cost: 1 });
  });

  it('charges 4 per host for a shared-nothing move: two fill a host with room for none more', () => {
    const queued = [
      task('a', 'A', 'B', { type: 'both', destDs: 'l2' }),
      task('b', 'A', 'C', { type: 'both', destDs: 'l3' }),
      task('c', 'A', 'D', { type: 'both', destDs: 'l4' }),
    ];
    const { start, waiting } = admit(queued, [], costs);
    expect(ids(start)).toEqual(['a', 'b']);
    expect(waiting.get(queued[2]!.id)).toMatchObject({ kind: 'host', used: 8, cost: 4 });
  });

  it('caps a migration link below 10 Gb/s at 4', () => {
    const queued = ['A', 'B', 'C', 'D', 'E'].map((to, i) => task(`s${i}`, 'S', to));
    const { start, waiting } = admit(queued, [], costs);
    expect(start).toHaveLength(4);
    expect(waiting.get(queued[4]!.id)).toMatchObject({ kind: 'network', resourceId: 'net:S', used: 4, cap: 4 });
  });

  it('caps a datastore at 128: storage moves cost 16, so the ninth waits', () => {
    const queued = Array.from({ length: 9 }, (_, i) =>
      task(`d${i}`, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'][i]!, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'][i]!, {
        type: 'storage',
        ds: [`local${i}`],
        destDs: 'big',
      }),
    );
    const { start, waiting } = admit(queued, [], costs);
    expect(start).toHaveLength(8);
    expect(waiting.get(queued[8]!.id)).toMatchObject({ kind: 'datastore', resourceId: 'ds:big', used: 128, cap: 128, cost: 16 });
  });

  it('counts what is already running', () => {
    const running = Array.from({ length: 7 }, (_, i) => task(`r${i}`, 'A', 'B'));
    const { start, waiting } = admit([task('q1', 'A', 'C'), task('q2', 'A', 'D')], running, costs);
    expect(ids(start)).toEqual(['q1']);
    expect(waiting.size).toBe(1);
  });

  it('starts high priority first, and a high one waits for half a link rather than start crowded', () => {
    const running = Array.from({ length: 5 }, (_, i) => task(`r${i}`, 'A', 'B'));
    const low = task('low', 'C', 'D', { priority: 'low' });
    const def = task('def', 'A', 'E');
    const high = task('high', 'A', 'F', { priority: 'high' });
    const { start, waiting } = admit([low, def, high], running, costs);
    // The link of A has 5 of 8 used; a high-priority move reserves 4, so it waits...
    expect(waiting.get(high.id)).toMatchObject({ kind: 'network', resourceId: 'net:A', used: 5, cost: 4 });
    // ...and holds A's resources: the default move behind it may not take them,
    expect(waiting.get(def.id)).toMatchObject({ kind: 'priority' });
    // while a low one yields entirely while a high one waits.
    expect(waiting.get(low.id)).toMatchObject({ kind: 'priority', resourceName: expect.stringContaining('high-priority') });
    expect(start).toEqual([]);
  });

  it('lets a later migration start on other resources (no head-of-line blocking)', () => {
    const running = Array.from({ length: 8 }, (_, i) => task(`r${i}`, 'A', 'B'));
    const blocked = task('blocked', 'A', 'C');
    const elsewhere = task('elsewhere', 'D', 'E');
    const { start, waiting } = admit([blocked, elsewhere], running, costs);
    expect(ids(start)).toEqual(['elsewhere']);
    expect(waiting.get(blocked.id)?.kind).toBe('host');
  });

  it('keeps first come, first served among equals on the same resource', () => {
    const running = Array.from({ length: 8 }, (_, i) => task(`r${i}`, 'A', 'B'));
    const first = task('first', 'A', 'C');
    const second = task('second', 'C', 'A');
    const { waiting } = admit([second, first].reverse(), running, costs);
    expect(waiting.get(first.id)?.kind).toBe('host');
    expect(waiting.get(second.id)?.kind).toBe('host');
  });

  it('holds for a waiting migration only what it waits for: a later one may take room it could have had elsewhere', () => {
    // A's link is full; the move A→B waits for it. B has room for one more: the later C→B takes it,
    // as the evacuation plan (move-schedule.ts) expects; holding B too would idle it until A frees.
    const running = [
      ...Array.from({ length: 8 }, (_, i) => task(`a${i}`, 'A', 'D')),
      ...Array.from({ length: 7 }, (_, i) => task(`b${i}`, 'E', 'B')),
    ];
    const waits = task('waits', 'A', 'B');
    const later = task('later', 'C', 'B');
    const { start, waiting } = admit([waits, later], running, costs);
    expect(waiting.get(waits.id)).toMatchObject({ kind: 'host', resourceId: 'host:A' });
    expect(ids(start)).toEqual(['later']);
  });

  it('starts migrations requested in the same instant in the order they were requested', () => {
    // An evacuation requests its moves in the order its plan starts them, all within a millisecond.
    const queued = ['z', 'y', 'x', 'w', 'v', 'u'].map((vm, i) => task(vm, 'A', ['B', 'C', 'D', 'E', 'F', 'G'][i]!, { sameSecond: true }));
    expect(ids(admit(queued, [], costs).start)).toEqual(['z', 'y', 'x', 'w', 'v', 'u']);
  });
});
