import { describe, expect, it } from 'vitest';
import type { Host, Vm } from '../../src/shared/model/inventory';
import { networkRows } from '../../src/renderer/src/features/wizard/steps/network-rows';
import { initialWizardState } from '../../src/renderer/src/features/wizard/wizard-state';

const vm = (id: string, hostId: string, portGroup: string): Vm =>
  ({ id, name: id, hostId, nics: [{ mac: `52:54:00:00:00:0${id.length}`, portGroup }] }) as Vm;
const host = (id: string, portGroups: string[]): Host => ({ id, name: id, portGroups }) as Host;

const vms = new Map([vm('web', 'h1', 'prod'), vm('db', 'h1', 'backend'), vm('left', 'h1', 'prod')].map((v) => [v.id, v]));
const hosts = new Map([host('h1', ['prod', 'backend']), host('h2', ['prod']), host('h3', ['prod', 'backend'])].map((h) => [h.id, h]));

describe('the wizard’s Network step', () => {
  it('checks each VM against the host it goes to, its own destination in a batch included', () => {
    // db goes to h3 (which has its port group), the others to the batch's h2.
    const state = { ...initialWizardState(['web', 'db', 'left'], 'h2'), vmDestinations: { db: 'h3' } };
    const rows = networkRows(state, vms, hosts, new Set(['left']));
    expect(rows.map((r) => [r.vm, r.host, r.ok])).toEqual([
      ['web', 'h2', true],
      ['db', 'h3', true],
    ]);
    // Sent with the batch to h2, db would lose its network.
    expect(networkRows({ ...state, vmDestinations: {} }, vms, hosts, new Set()).find((r) => r.vm === 'db')).toMatchObject({
      host: 'h2',
      ok: false,
    });
  });

  it('checks a storage move against the host the VM stays on', () => {
    const state = initialWizardState(['db'], null, 'storage');
    expect(networkRows(state, vms, hosts, new Set())).toMatchObject([{ vm: 'db', host: 'h1', ok: true }]);
  });
});
