// A guest's power, the libvirt way: a graceful shutdown (virDomainShutdownFlags, through the QEMU
// guest agent and/or the ACPI power button) watched until the domain is shut off, within a
// deadline; a forced power off (virDomainDestroy); a start (virDomainCreateWithFlags).

import { DriverError, type ShutdownMode, type ShutdownOptions } from '../../driver';
import { guarded } from '../hosts/error-mapping';
import {
  ShutdownFlags,
  domainCreateWithFlags,
  domainDestroy,
  domainGetState,
  domainShutdownFlags,
  type DomainRef,
  type LibvirtClient,
} from '../rpc';

const flagsFor: Record<ShutdownMode, number> = {
  'agent-or-acpi': ShutdownFlags.GUEST_AGENT | ShutdownFlags.ACPI_POWER_BTN,
  agent: ShutdownFlags.GUEST_AGENT,
  acpi: ShutdownFlags.ACPI_POWER_BTN,
};

export interface PowerTarget {
  client: LibvirtClient;
  dom: DomainRef;
  /** The VM and host as the admin names them, for messages. */
  label: string;
}

const stateOf = async (t: PowerTarget) => (await guarded('read the VM state', () => domainGetState(t.client, t.dom))).state;

/**
 * Sends the shutdown request once, then polls the domain's state (every `pollMs`, bounded by the
 * deadline) until it is shut off. A guest still running at the deadline is left running:
 * GUEST_SHUTDOWN_TIMEOUT. libvirt returns as soon as the request is delivered, so only the state
 * says the guest is really off.
 */
export async function shutdownDomain(
  t: PowerTarget,
  options: ShutdownOptions,
  pollMs = 500,
  sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const state = await stateOf(t);
  if (state === 'SHUTOFF') return;
  if (state !== 'RUNNING')
    throw new DriverError('OPERATION_FAILED', `${t.label} is ${state.toLowerCase()}: only a running guest can shut down`);
  await guarded('ask the guest to shut down', () => domainShutdownFlags(t.client, t.dom, flagsFor[options.mode]));
  for (;;) {
    if ((await stateOf(t)) === 'SHUTOFF') return;
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(pollMs, left));
  }
  throw new DriverError(
    'GUEST_SHUTDOWN_TIMEOUT',
    `${t.label} was still running ${Math.round(options.timeoutMs / 1000)} s after it was asked to shut down (${options.mode})`,
  );
}

export async function destroyDomain(t: PowerTarget): Promise<void> {
  if ((await stateOf(t)) === 'SHUTOFF') return;
  await guarded('power the VM off', () => domainDestroy(t.client, t.dom));
}

export async function startDomain(t: PowerTarget): Promise<void> {
  const state = await stateOf(t);
  if (state === 'RUNNING') return;
  if (state !== 'SHUTOFF') throw new DriverError('OPERATION_FAILED', `${t.label} is ${state.toLowerCase()}, not powered off`);
  await guarded('power the VM on', () => domainCreateWithFlags(t.client, t.dom));
}
