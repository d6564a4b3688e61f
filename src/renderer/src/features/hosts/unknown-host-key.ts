import { FerryError } from '../../../../shared/api/errors';
import { HostKeyErrorDetails } from '../../../../shared/model/inventory';

/** The key to confirm, when a test failed on the libvirt host's unknown key (a jump host needs known_hosts instead). */
export function unknownHostKeyOf(failure: unknown): HostKeyErrorDetails | null {
  if (!(failure instanceof FerryError) || failure.code !== 'HOST_KEY_UNKNOWN') return null;
  const details = HostKeyErrorDetails.safeParse(failure.details);
  return details.success && !details.data.jump ? details.data : null;
}
