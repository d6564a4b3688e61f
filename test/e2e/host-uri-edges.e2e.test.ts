// review2 F5 and F6 in the add-host form: a URI Ferry cannot read is refused as typed (Next stays
// off), and a port where an HTTP server answers says so and names the port to check, instead of
// "Host unreachable / invalid frame length 1213486160".

import { createServer } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { screenshot } from './console-app';
import { useConsole } from './fixtures';
import { HostsPage } from './pages/Hosts';

describe('the add-host form at its edges', () => {
  const open = useConsole();
  const http = createServer((_req, res) => res.end('not libvirt'));
  afterAll(() => new Promise<void>((resolve) => http.close(() => resolve())));

  it('refuses a malformed URI as typed, and names what answers on a wrong port', async () => {
    const { page, consoleErrors } = await open({ preset: 'tiny' });
    const hosts = new HostsPage(page);
    await hosts.open();
    const uri = hosts.dialog.getByLabel('libvirt URI');
    const next = hosts.dialog.getByRole('button', { name: 'Next' });
    for (const [typed, said] of [
      ['qemu+tcp://[::1', /malformed URI/],
      ['qemu+ssh://', /names the host to reach/],
      // review 3 F1: a password with # in it was taken for no password, then quoted by "malformed URI".
      ['qemu+tcp://root:X#y@127.0.0.1:1/system', /never carries a password/],
    ] as const) {
      await uri.fill(typed);
      await hosts.dialog.getByText(said).waitFor();
      expect(await next.isDisabled()).toBe(true);
    }
    expect(await hosts.dialog.getByText(/X#y/).count()).toBe(0);
    // review 3 F9: the migration URI's password is said at its own field.
    await uri.fill('qemu+tcp://127.0.0.1:1/system');
    await hosts.dialog.getByLabel(/^Migration URI the other hosts dial/).fill('tcp://root:pw@127.0.0.1:49152');
    await hosts.dialog.getByText(/^Migration URI: a libvirt URI never carries a password/).waitFor();
    expect(await next.isDisabled()).toBe(true);
    await hosts.dialog.getByLabel(/^Migration URI the other hosts dial/).fill('');
    await screenshot(page, 'add-host-malformed-uri');

    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const { port } = http.address() as { port: number };
    await uri.fill(`qemu+tcp://127.0.0.1:${port}/system`);
    await next.click();
    await hosts.dialog.getByRole('button', { name: 'Test connection' }).click();
    await hosts.dialog.getByText(`Not libvirtd on 127.0.0.1:${port}`, { exact: true }).waitFor();
    await hosts.dialog.getByText(/\(it speaks HTTP\): check the port/).waitFor();
    expect(await hosts.dialog.getByText('Host unreachable').count()).toBe(0);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `add-host-not-libvirt-${scheme}`);
    }
    expect(consoleErrors).toEqual([]);
  });
});
