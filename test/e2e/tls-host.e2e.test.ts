// The add-host form with a qemu+tls:// URI: it offers the certificate directory, and the test
// connection shows the typed TLS refusal in words (here: nothing listens on the TLS port).

import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useConsole } from './fixtures';
import { HostsPage } from './pages/Hosts';
import { InventoryPage } from './pages/Inventory';
import { MigrationWizardPage } from './pages/MigrationWizard';
import { TasksPage } from './pages/Tasks';

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('adding a qemu+tls host in the console', () => {
  const open = useConsole();

  it('asks for the certificate directory and explains a closed TLS port', async () => {
    const pki = mkdtempSync(join(tmpdir(), 'ferry-e2e-pki-'));
    const fixtures = join(__dirname, '..', 'drivers', 'libvirt', 'fixtures', 'tls');
    cpSync(join(fixtures, 'ca-cert.pem'), join(pki, 'cacert.pem'));
    cpSync(join(fixtures, 'client-cert.pem'), join(pki, 'clientcert.pem'));
    cpSync(join(fixtures, 'client-key.pem'), join(pki, 'clientkey.pem'));
    const { page, consoleErrors } = await open({ preset: 'tiny' });
    const hosts = new HostsPage(page);
    await hosts.open();
    const uri = hosts.dialog.getByLabel('libvirt URI');
    await uri.fill('qemu+ssh://root@kvm1/system');
    expect(await hosts.dialog.getByLabel('Certificate directory (optional)').count()).toBe(0);
    await uri.fill(`qemu+tls://127.0.0.1:${await closedPort()}/system`);
    await hosts.dialog.getByLabel('Certificate directory (optional)').fill(pki);
    await hosts.dialog.getByRole('button', { name: 'Next' }).click();
    await hosts.dialog.getByRole('button', { name: 'Test connection' }).click();
    await hosts.dialog.getByText('Nothing listens on the TLS port', { exact: true }).waitFor();
    await hosts.dialog.getByText(/set listen_tls = 1/).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});

describe('an encrypted migration stream from the wizard', () => {
  const open = useConsole();

  it('is off by default, says what it needs once on, and the simulated move completes with it', async () => {
    const { page, consoleErrors } = await open({ preset: 'demo', simSpeed: 20 });
    const inventory = new InventoryPage(page);
    await inventory.expand('DC0_C0_H0');
    await inventory.dragVmToHost('DC0_C0_H0_VM0', 'DC0_C0_H3');
    const wizard = new MigrationWizardPage(page);
    await wizard.waitOpen();
    await wizard.goTo('Priority and options');
    const encrypt = wizard.step('Priority and options').getByLabel(/Encrypt the migration stream \(TLS\)/);
    expect(await encrypt.isChecked()).toBe(false);
    await encrypt.check();
    while (!(await wizard.ready.isVisible())) await wizard.next();
    await wizard.dialog.getByText(/stream is encrypted with TLS between the hosts' QEMUs/).waitFor();
    await wizard.finishFromCurrentStep();
    await new TasksPage(page).waitForState('DC0_C0_H0_VM0', 'Completed');
    expect(consoleErrors).toEqual([]);
  });
});
