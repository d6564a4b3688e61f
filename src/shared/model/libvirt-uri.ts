// Which libvirt URIs Ferry can use, and how they are reached. `qemu:///system` (no transport, no
// host) and `qemu+unix://…` reach a daemon through a local unix socket: such a URI names no address
// another host's libvirtd can dial, so a host added by one needs a migration URI to be a migration
// destination. Ferry speaks libvirtd's remote protocol, so a scheme whose driver runs without a
// daemon (VMware's esx://, vpx://, Hyper-V) or that is no libvirt driver at all (esxi://) is a
// refusal that says so, never a guessed transport. Shared by the add-host form, the contract and
// the driver.

const URI = /^([a-z][a-z0-9]*)(?:\+([a-z0-9]+))?:\/\/([^/?]*)/i;

/** libvirt hypervisor drivers served by a libvirt daemon, which Ferry's remote protocol reaches. */
export const DAEMON_DRIVERS: readonly string[] = ['qemu', 'lxc', 'xen', 'libxl', 'test', 'vbox', 'bhyve', 'ch', 'vz', 'openvz'];
/** libvirt drivers that talk to their hypervisor directly from the client (HTTPS, WinRM): no libvirtd to reach. */
const CLIENT_SIDE_DRIVERS: Readonly<Record<string, string>> = {
  esx: 'VMware ESXi',
  gsx: 'VMware GSX',
  vpx: 'VMware vCenter',
  vmwareplayer: 'VMware Player',
  vmwarews: 'VMware Workstation',
  vmwarefusion: 'VMware Fusion',
  hyperv: 'Microsoft Hyper-V',
  phyp: 'IBM PowerVM',
};
const TRANSPORTS = ['unix', 'tcp', 'ssh', 'tls', 'libssh', 'libssh2', 'ext'] as const;
const SPOKEN: ReadonlySet<string> = new Set(['unix', 'tcp', 'ssh', 'tls']);

export type LibvirtTransport = 'unix' | 'tcp' | 'ssh' | 'tls';

/** Why Ferry cannot use a URI, by kind: the form and the driver show the message, code switches on the kind. */
export type LibvirtUriRefusal =
  | { kind: 'PASSWORD_IN_URI'; message: string }
  | { kind: 'INVALID_SYNTAX'; message: string }
  | { kind: 'MISSING_HOST'; transport: string; message: string }
  | { kind: 'UNSUPPORTED_DRIVER'; driver: string; message: string }
  | { kind: 'UNSUPPORTED_TRANSPORT'; transport: string; message: string };

export type LibvirtUriShape = { ok: true; driver: string; transport: LibvirtTransport; host: string } | ({ ok: false } & LibvirtUriRefusal);

/**
 * `scheme://user:password@host…`: what comes before the last @ of the URI, when it holds a colon that
 * is not a port's (`host:22/…?keyfile=/a@b`). Not only the authority a URI parser would see: a
 * password with # / or ? in it (a URI cannot carry them unencoded) must be found too, or the
 * "malformed URI" that follows would quote it.
 */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)(.*)@/is;
const PORT_THEN_PATH = /^[^:]*:\d{1,5}(?:[/?#]|$)/;

function userinfoOf(uri: string): { scheme: string; userinfo: string } | null {
  const match = USERINFO.exec(uri.trim());
  if (!match) return null;
  const userinfo = match[2] as string;
  return userinfo.includes(':') && !PORT_THEN_PATH.test(userinfo) ? { scheme: match[1] as string, userinfo } : null;
}

/** True when a URI carries a password (`qemu+ssh://root:pw@host/system`), even an empty one. */
export function hasUriPassword(uri: string): boolean {
  return userinfoOf(uri) !== null;
}

/** The URI without its password (the user name stays): fit to keep, log or show. */
export function withoutUriPassword(uri: string): string {
  const found = userinfoOf(uri);
  if (!found) return uri;
  const trimmed = uri.trim();
  return `${found.scheme}${found.userinfo.slice(0, found.userinfo.indexOf(':'))}@${trimmed.slice(found.scheme.length + found.userinfo.length + 1)}`;
}

/** Where a password goes instead of a URI: said by the form, the contract and the driver alike. */
export const PASSWORD_IN_URI_MESSAGE =
  'a libvirt URI never carries a password: remove it from the URI, and enter the SSH password in the SSH login of the add-host form, or the libvirt SASL password in its SASL login; Ferry seals both in its secret box';

/** The driver and transport a URI names (libvirt's defaults filled in), or why Ferry cannot use it. */
export function libvirtUriShape(uri: string): LibvirtUriShape {
  // First: every later message quotes the URI.
  if (hasUriPassword(uri)) return { ok: false, kind: 'PASSWORD_IN_URI', message: PASSWORD_IN_URI_MESSAGE };
  const match = URI.exec(uri.trim());
  if (!match) return { ok: false, kind: 'INVALID_SYNTAX', message: `not a libvirt URI (driver[+transport]://[host]/path): ${uri}` };
  const driver = (match[1] as string).toLowerCase();
  const host = match[3] ?? '';
  const named = match[2]?.toLowerCase();
  const product = CLIENT_SIDE_DRIVERS[driver];
  if (product)
    return {
      ok: false,
      kind: 'UNSUPPORTED_DRIVER',
      driver,
      message: `${driver}:// is ${product}, which libvirt reaches without a libvirt daemon: Ferry moves VMs between libvirtd hosts (qemu+ssh://, qemu+tls://, qemu+tcp://, qemu:///system)`,
    };
  if (!DAEMON_DRIVERS.includes(driver))
    return {
      ok: false,
      kind: 'UNSUPPORTED_DRIVER',
      driver,
      message: `${driver}:// is not a libvirt driver Ferry can reach; use one served by libvirtd (${DAEMON_DRIVERS.join(', ')}), e.g. qemu+ssh://host/system`,
    };
  const transport = named ?? (host ? 'tls' : 'unix');
  if (!SPOKEN.has(transport))
    return {
      ok: false,
      kind: 'UNSUPPORTED_TRANSPORT',
      transport,
      message: `${(TRANSPORTS as readonly string[]).includes(transport) ? `the ${transport} transport is not one Ferry speaks` : `${transport} is not a libvirt transport`}; use unix, ssh, tls or tcp`,
    };
  // What libvirt itself would refuse before dialling: an authority that cannot be read, or a
  // network transport with no host to dial. Refused here so the field and the contract say so.
  const authority = authorityOf(host);
  if (!authority)
    return {
      ok: false,
      kind: 'INVALID_SYNTAX',
      message: `malformed URI (its host, port or brackets cannot be read): ${withoutUriPassword(uri)}`,
    };
  // A port that reads but does not exist is named with the range: "cannot be read" sent the admin looking at the
  // host and brackets (new-user review 9, 5).
  if (authority.port !== null && (authority.port < 1 || authority.port > 65535))
    return {
      ok: false,
      kind: 'INVALID_SYNTAX',
      message: `port ${authority.port} is not one of 1–65535: ${withoutUriPassword(uri)}`,
    };
  if (transport !== 'unix' && authority.host === '')
    return {
      ok: false,
      kind: 'MISSING_HOST',
      transport,
      message: `a ${transport} URI names the host to reach (e.g. ${driver}+${transport}://host.example/system): ${withoutUriPassword(uri)}`,
    };
  return { ok: true, driver, transport: transport as LibvirtTransport, host };
}

/** `[user@]host[:port]`, host possibly a bracketed IPv6 address; null when it cannot be read. */
const AUTHORITY = /^(?:[^@]*@)?(\[[0-9a-f:.]+\]|[^[\]:@]*)(?::(\d*))?$/i;

function authorityOf(raw: string): { host: string; port: number | null } | null {
  const match = AUTHORITY.exec(raw);
  if (!match) return null;
  const port = match[2];
  return { host: match[1] as string, port: port === undefined || port === '' ? null : Number(port) };
}

export function isLocalSocketUri(uri: string): boolean {
  const shape = libvirtUriShape(uri);
  return shape.ok && shape.transport === 'unix' && shape.host === '';
}

/** A URI libvirt reaches over TLS: `qemu+tls://host/…`, or a host with no transport (`qemu://host/…`). */
export function isTlsUri(uri: string): boolean {
  const shape = libvirtUriShape(uri);
  return shape.ok && shape.transport === 'tls';
}
