import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/store/database';
import { screenshot } from './console-app';
import { useConsole } from './fixtures';
import { HostsPage } from './pages/Hosts';

/** A data folder holding a saved host whose password the desktop app's keychain sealed. */
function folderWithKeychainSealedHost(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'ferry-e2e-'));
  const db = openDatabase(join(dataDir, 'ferry.db'));
  db.prepare(
    "INSERT INTO connections (id, kind, uri, name, cluster_id, config, secret, secret_box, created_at) VALUES ('c1', 'libvirt', ?, 'kvm-a', 'c', ?, ?, 'electron safeStorage', '2026-11-01T00:00:00.000Z')",
  ).run(
    `qemu+unix:///system?socket=${join(dataDir, 'nowhere.sock')}`,
    JSON.stringify({ hostId: null, clusterName: 'lab', auth: 'password' }),
    Buffer.from('sealed by a keychain'),
  );
  db.close();
  return dataDir;
}

describe('saved hosts in the console', () => {
  const open = useConsole();

  it('a host whose credentials this console cannot open says so, and takes them again', async () => {
    const { page, consoleErrors } = await open({ preset: 'tiny', dataDir: folderWithKeychainSealedHost() });
    const hosts = new HostsPage(page);
    await hosts.open();
    await hosts
      .row('kvm-a')
      .getByText(/credentials unavailable: sealed by electron safeStorage.*re-enter/)
      .waitFor();
    await screenshot(page, 'hosts-credentials-unavailable');
    await hosts.reenterPassword('kvm-a', 'correct horse battery');
    // The host itself does not answer (no daemon at that socket): the error says so; the credentials are kept.
    await hosts.dialog.getByText('Could not reconnect kvm-a').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await hosts.open();
    await hosts.row('kvm-a').waitFor();
    expect(
      await hosts
        .row('kvm-a')
        .getByText(/credentials unavailable/)
        .count(),
    ).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
