// Which libvirt URIs reach a daemon through a local unix socket: `qemu:///system` (no transport,
// no host) and `qemu+unix://…`. Such a URI names no address another host's libvirtd can dial, so a
// host added by one needs a migration URI to be a migration destination. Shared by the add-host
// form (which then asks for it) and the driver (which reports its absence to the precheck).

const URI = /^([a-z][a-z0-9]*)(?:\+([a-z0-9]+))?:\/\/([^/?]*)/i;

export function isLocalSocketUri(uri: string): boolean {
  const match = URI.exec(uri.trim());
  if (!match) return false;
  const transport = match[2]?.toLowerCase();
  return transport === 'unix' || (transport === undefined && match[3] === '');
}

/** A URI libvirt reaches over TLS: `qemu+tls://host/…`, or a host with no transport (`qemu://host/…`). */
export function isTlsUri(uri: string): boolean {
  const match = URI.exec(uri.trim());
  if (!match) return false;
  const transport = match[2]?.toLowerCase();
  return transport === 'tls' || (transport === undefined && match[3] !== '');
}
