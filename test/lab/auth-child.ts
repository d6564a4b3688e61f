// Run as a NON-root user by auth.lab.test.ts: libvirt lets root bypass polkit, so only another uid
// sees what an admin's Ferry would. Tries the add-host test connection on the URI given and prints
// one JSON line: the host's UUID, or the typed error Ferry reports.

import { DriverError } from '../../src/main/drivers/driver';
import { openClientFor } from '../../src/main/drivers/libvirt/hosts/host-connection';
import { testHostConnection } from '../../src/main/drivers/libvirt/hosts/test-connection';
import { processOpenSshEnvironment } from '../../src/main/drivers/libvirt/rpc';

const uri = process.argv[2] ?? '';
try {
  const found = await testHostConnection({ uri, clusterId: 'lab' }, (config, hostKey) =>
    openClientFor(config, hostKey, processOpenSshEnvironment()),
  );
  process.stdout.write(`${JSON.stringify({ ok: true, hostUuid: found.hostUuid, uid: process.getuid?.() })}\n`);
} catch (error) {
  const code = error instanceof DriverError ? error.code : 'NOT_A_DRIVER_ERROR';
  process.stdout.write(
    `${JSON.stringify({ ok: false, code, message: String(error instanceof Error ? error.message : error), uid: process.getuid?.() })}\n`,
  );
}
