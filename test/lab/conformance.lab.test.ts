// The driver contract every backend keeps (test/drivers/conformance.ts), against the real lab:
// lab-vm1 (shared disk) and lab-vm2 (local disk) move from ferry-lab-h1 to ferry-lab-h2 and are
// put back after each case.

import { describeDriverConformance } from '../drivers/conformance';
import { guestNamed, hostNamed, idOf, labDriver, readLab, sleep } from './lab-env';
import { restoreHome } from './lab-restore';

describeDriverConformance('libvirt (lab)', async () => {
  const lab = readLab();
  const driver = labDriver(lab);
  await driver.discover();
  // Each case starts from the lab's home layout: both guests on h1.
  await restoreHome(lab, driver);
  const h1 = hostNamed(lab, 'ferry-lab-h1');
  const h2 = hostNamed(lab, 'ferry-lab-h2');
  return {
    driver,
    vmId: guestNamed(lab, 'lab-vm1').uuid,
    sourceHostId: idOf(h1),
    destHostId: idOf(h2),
    localDiskVm: { vmId: guestNamed(lab, 'lab-vm2').uuid, destDatastoreId: `libvirt-pool:${idOf(h2)}/local` },
    wait: sleep,
    cleanup: async () => {
      try {
        await restoreHome(lab, driver);
      } finally {
        await driver.close();
      }
    },
  };
});
