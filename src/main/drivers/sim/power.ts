// What switches simulated guests off and on: the simulator's own power control, and a host that
// fails (its guests go down with it). A guest powered on boots anew, with any CPU pending for it.

import { DriverError } from '../driver';
import { takePendingCpu } from './cpu-baseline';
import type { SimWorld } from './sim-world';
import type { SimVm } from './state';

export function switchOff(world: SimWorld, vm: SimVm): void {
  if (world.activeJobs().some((j) => j.spec.vmId === vm.id)) throw new DriverError('OPERATION_FAILED', `${vm.name} is migrating`);
  vm.power = 'off';
  vm.crashed = false;
}

export function switchOn(vm: SimVm, nowMs: number): void {
  if (vm.power !== 'off') throw new DriverError('OPERATION_FAILED', `${vm.name} is ${vm.power}, not powered off`);
  takePendingCpu(vm);
  vm.power = 'running';
  vm.bootId = `${vm.id}-boot-${nowMs}`;
  vm.bootedAtMs = nowMs;
}

/** A failed host: its migrations break, its guests are off, the paused copies it held are gone. */
export function failHost(world: SimWorld, hostId: string): void {
  for (const job of world.activeJobs()) {
    if (job.spec.sourceHostId === hostId || job.spec.destHostId === hostId) world.failJob(job, 'LINK_DOWN', `host ${hostId} failed`);
  }
  for (const vm of world.state.vms) {
    if (vm.hostId === hostId) vm.power = 'off';
    vm.pausedOn = vm.pausedOn.filter((p) => p.hostId !== hostId);
  }
  world.state.hosts.find((h) => h.id === hostId)!.connection = 'disconnected';
}
