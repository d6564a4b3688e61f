import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FaultRule } from '../../../shared/model/faults';
import { buildPreset, presetNames, type PresetName } from './presets';
import type { Reservation, SimJob, SimState, SimVm, VmOrigin } from './state';

/**
 * What changes while the simulated datacenter runs. The rest is rebuilt from the preset and seed,
 * which keeps the file small even for the 40,000-guest preset.
 */
interface Overlay {
  version: 1;
  preset: PresetName;
  seed: number;
  nowMs: number;
  /** When the preset was built; absent in files written before, which hold every VM. */
  builtAtMs?: number;
  hosts: Record<string, { health: SimState['hosts'][number]['health']; connection: SimState['hosts'][number]['connection'] }>;
  /** The VMs that differ from the preset as built; the rest are rebuilt as they were. */
  vms: Record<
    string,
    Pick<SimVm, 'hostId' | 'power' | 'crashed' | 'bootId' | 'bootedAtMs'> & {
      datastoreIds: string[];
      /** Absent in files written before CPU baselines: the preset's CPU, nothing pending. */
      cpu?: { model: string; features: string[]; pending: SimVm['cpuPending'] };
      /** Absent in files written before copy states existed: whole. */
      copy?: SimVm['copy'];
      /** Host ids only, in files written before copy states existed. */
      pausedOn: (SimVm['pausedOn'][number] | string)[];
    }
  >;
  jobs: SimJob[];
  reservations: Reservation[];
  faults: FaultRule[];
  nextFaultId: number;
}

export interface SimStateStore {
  load(): SimState | null;
  save(state: SimState): void;
}

/** Allocation-free: it runs for every guest on every save. */
function asBuilt(vm: SimVm, origin: VmOrigin | undefined): boolean {
  if (!origin || vm.crashed || vm.copy !== 'whole' || vm.pausedOn.length > 0 || vm.cpuPending || vm.cpuChanged) return false;
  if (vm.hostId !== origin.hostId || vm.power !== origin.power || vm.bootId !== origin.bootId || vm.bootedAtMs !== origin.bootedAtMs)
    return false;
  if (vm.disks.length !== origin.datastoreIds.length) return false;
  for (let i = 0; i < vm.disks.length; i++) if (vm.disks[i]!.datastoreId !== origin.datastoreIds[i]) return false;
  return true;
}

function toOverlay(state: SimState): Overlay {
  return {
    version: 1,
    preset: state.preset as PresetName,
    seed: state.seed,
    nowMs: state.nowMs,
    ...(state.builtAtMs !== undefined ? { builtAtMs: state.builtAtMs } : {}),
    hosts: Object.fromEntries(state.hosts.map((h) => [h.id, { health: h.health, connection: h.connection }])),
    vms: Object.fromEntries(
      state.vms
        .filter((v) => state.builtAtMs === undefined || !asBuilt(v, state.origin?.get(v.id)))
        .map((v) => [
          v.id,
          {
            hostId: v.hostId,
            power: v.power,
            copy: v.copy,
            pausedOn: v.pausedOn,
            crashed: v.crashed,
            bootId: v.bootId,
            bootedAtMs: v.bootedAtMs,
            datastoreIds: v.disks.map((d) => d.datastoreId),
            // Only a CPU changed since the preset built it is worth its bytes (40,000 guests).
            ...(v.cpuPending || v.cpuChanged ? { cpu: { model: v.cpuModel, features: v.cpuFeatures, pending: v.cpuPending ?? null } } : {}),
          },
        ]),
    ),
    jobs: state.jobs,
    reservations: state.reservations,
    faults: state.faults,
    nextFaultId: state.nextFaultId,
  };
}

function fromOverlay(overlay: Overlay): SimState {
  if (overlay.version !== 1 || !presetNames.includes(overlay.preset)) throw new Error('unrecognised simulated datacenter state');
  const state = buildPreset(overlay.preset, overlay.builtAtMs ?? overlay.nowMs, overlay.seed);
  state.nowMs = overlay.nowMs;
  for (const host of state.hosts) Object.assign(host, overlay.hosts[host.id] ?? {});
  for (const vm of state.vms) {
    const saved = overlay.vms[vm.id];
    if (!saved) continue;
    const { datastoreIds, copy, pausedOn, cpu, ...rest } = saved;
    Object.assign(vm, rest);
    if (cpu) Object.assign(vm, { cpuModel: cpu.model, cpuFeatures: cpu.features, cpuPending: cpu.pending, cpuChanged: true });
    vm.copy = copy ?? 'whole';
    // Before copy states, a paused copy was always the complete source after a pre-copy switchover.
    vm.pausedOn = pausedOn.map((p) => (typeof p === 'string' ? { hostId: p, copy: 'migrating' } : p));
    vm.disks = vm.disks.map((d, i) => {
      const datastoreId = datastoreIds[i] ?? d.datastoreId;
      return { ...d, datastoreId, path: d.path.replace(/^\/vmfs\/[^/]+\//, `/vmfs/${datastoreId}/`) };
    });
  }
  Object.assign(state, {
    jobs: overlay.jobs,
    reservations: overlay.reservations,
    faults: overlay.faults,
    nextFaultId: overlay.nextFaultId,
  });
  return state;
}

/** Keeps the overlay in one JSON file, replaced atomically so a crash never leaves half a file. */
export class FileStateStore implements SimStateStore {
  constructor(private readonly file: string) {}

  load(): SimState | null {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return null;
    }
    return fromOverlay(JSON.parse(text) as Overlay);
  }

  save(state: SimState): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(toOverlay(state)));
    renameSync(temp, this.file);
  }
}

/** Keeps state in memory: a restart within one process (tests) sees the same datacenter. */
export class MemoryStateStore implements SimStateStore {
  private saved: string | null = null;
  saves = 0;

  load(): SimState | null {
    return this.saved ? fromOverlay(JSON.parse(this.saved) as Overlay) : null;
  }

  save(state: SimState): void {
    this.saved = JSON.stringify(toOverlay(state));
    this.saves += 1;
  }
}
