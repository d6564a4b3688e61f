// libvirt connection URIs (https://libvirt.org/uri.html) → a typed connection spec:
//   driver[+transport]://[user@][host][:port]/path[?params]
// e.g. qemu:///system, qemu+unix:///system?socket=/p, qemu+tcp://h:16509/system,
//      qemu+ssh://user@h:22/system?keyfile=~/.ssh/id&socket=/p&proxy=netcat,
//      qemu+tls://h:16514/system?pkipath=/dir&no_verify=1 (and qemu://h/system, which libvirt reads as TLS)
// `remoteName` is what CONNECT_OPEN gets: the URI as the daemon sees it, with the transport,
// user, host, port and the client-only parameters removed (qemu+ssh://h/system → qemu:///system).

import { DEFAULT_LIBVIRT_TCP_PORT } from './transports/tcp';
import { DEFAULT_LIBVIRT_TLS_PORT } from './transports/tls';
import { DEFAULT_LIBVIRT_SOCKET } from './transports/unix';
import { type SshProxyMode } from './transports/ssh';
import { parseAuthPreference, type AuthPreference } from './auth/auth-types';
import { hasUriPassword, libvirtUriShape, PASSWORD_IN_URI_MESSAGE, withoutUriPassword } from '../../../../shared/model/libvirt-uri';

const DEFAULT_SSH_PORT = 22;

export type LibvirtUriErrorKind =
  | 'PASSWORD_IN_URI'
  | 'INVALID_SYNTAX'
  | 'UNSUPPORTED_DRIVER'
  | 'UNSUPPORTED_TRANSPORT'
  | 'MISSING_HOST'
  | 'UNEXPECTED_HOST'
  | 'INVALID_PORT'
  | 'INVALID_PARAMETER';

export class LibvirtUriError extends Error {
  override readonly name = 'LibvirtUriError';

  constructor(
    readonly kind: LibvirtUriErrorKind,
    readonly uri: string,
    detail: string,
  ) {
    // Quoted without a password: the message reaches logs and the UI.
    super(`${detail}: ${withoutUriPassword(uri)}`);
  }
}

interface SpecBase {
  /** Hypervisor driver: qemu, test, lxc... */
  readonly driver: string;
  /** The name to send in CONNECT_OPEN. */
  readonly remoteName: string;
  /** Query parameters the client does not consume, passed through in `remoteName`. */
  readonly extraParams: Readonly<Record<string, string>>;
  /**
   * libvirt's `is_secure`: the stream is private and its peer known without a SASL layer (TLS, a
   * unix socket, SSH), not plain TCP. SASL over a secure transport needs no security layer.
   */
  readonly secure: boolean;
  /** `?auth=sasl[.MECH]|polkit`: the authentication the client insists on; undefined lets the daemon pick. */
  readonly auth: AuthPreference | undefined;
}

interface UnixConnectionSpec extends SpecBase {
  readonly transport: 'unix';
  readonly socketPath: string;
}

interface TcpConnectionSpec extends SpecBase {
  readonly transport: 'tcp';
  readonly host: string;
  readonly port: number;
}

interface SshConnectionSpec extends SpecBase {
  readonly transport: 'ssh';
  readonly host: string;
  readonly port: number;
  /** The port the URI itself names: it overrides ssh_config's `Port` (`port` falls back to 22). */
  readonly uriPort: number | undefined;
  readonly user: string | undefined;
  readonly keyfile: string | undefined;
  /** Remote socket for netcat; undefined lets virt-ssh-helper pick it. */
  readonly socketPath: string | undefined;
  readonly proxy: SshProxyMode;
  readonly netcat: string | undefined;
}

interface TlsConnectionSpec extends SpecBase {
  readonly transport: 'tls';
  readonly host: string;
  readonly port: number;
  /** `pkipath=`: the directory holding cacert.pem, clientcert.pem, clientkey.pem (no fall-back to defaults). */
  readonly pkiPath: string | undefined;
  /** `no_verify=1`: accept a server certificate that does not verify (libvirt's client does the same). */
  readonly noVerify: boolean;
}

export type ConnectionSpec = UnixConnectionSpec | TcpConnectionSpec | SshConnectionSpec | TlsConnectionSpec;

/** Parameters consumed by the client side (libvirt's remote driver does the same). */
const CLIENT_PARAMS = new Set([
  'socket',
  'keyfile',
  'proxy',
  'netcat',
  'no_verify',
  'no_tty',
  'known_hosts',
  'command',
  'mode',
  'pkipath',
  'no_sanity',
  'tls_priority',
  'auth',
]);
const SCHEME = /^([a-z][a-z0-9]*)(?:\+([a-z0-9]+))?:\/\//i;

export function parseLibvirtUri(uri: string): ConnectionSpec {
  // Whoever the caller: Ferry never logs in with a password from a URI, and never keeps one there.
  if (hasUriPassword(uri)) throw new LibvirtUriError('PASSWORD_IN_URI', uri, PASSWORD_IN_URI_MESSAGE);
  const scheme = SCHEME.exec(uri);
  if (!scheme) throw new LibvirtUriError('INVALID_SYNTAX', uri, 'expected driver[+transport]://');
  const driver = scheme[1]!.toLowerCase();
  // esx://, esxi://...: no libvirt daemon to speak to; refused by name, not read as TLS.
  const shape = libvirtUriShape(uri);
  if (!shape.ok && shape.kind === 'UNSUPPORTED_DRIVER') throw new LibvirtUriError('UNSUPPORTED_DRIVER', uri, shape.message);
  let url: URL;
  try {
    // Re-parse under a neutral scheme so "+transport" never affects URL parsing rules.
    url = new URL(`libvirt${uri.slice(scheme[0].length - 3)}`);
  } catch {
    throw new LibvirtUriError('INVALID_SYNTAX', uri, 'malformed URI');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const transport = (scheme[2] ?? (host ? 'tls' : 'unix')).toLowerCase();
  const params = Object.fromEntries(url.searchParams.entries());
  const extraParams = Object.fromEntries(Object.entries(params).filter(([k]) => !CLIENT_PARAMS.has(k)));
  const query = new URLSearchParams(extraParams).toString();
  const base = {
    driver,
    extraParams,
    auth: parseAuth(uri, params['auth']),
    remoteName: `${driver}://${url.pathname}${query ? `?${query}` : ''}`,
  };
  const port = parsePort(uri, url.port);

  switch (transport) {
    case 'unix':
      if (host) throw new LibvirtUriError('UNEXPECTED_HOST', uri, 'a unix socket URI names no host');
      return { ...base, secure: true, transport: 'unix', socketPath: nonEmpty(uri, params, 'socket') ?? DEFAULT_LIBVIRT_SOCKET };
    case 'tcp':
      if (!host) throw new LibvirtUriError('MISSING_HOST', uri, 'tcp needs a host');
      return { ...base, secure: false, transport: 'tcp', host, port: port ?? DEFAULT_LIBVIRT_TCP_PORT };
    case 'tls':
      if (!host) throw new LibvirtUriError('MISSING_HOST', uri, 'tls needs a host');
      return {
        ...base,
        secure: true,
        transport: 'tls',
        host,
        port: port ?? DEFAULT_LIBVIRT_TLS_PORT,
        pkiPath: nonEmpty(uri, params, 'pkipath'),
        noVerify: parseFlag(uri, params, 'no_verify'),
      };
    case 'ssh':
      if (!host) throw new LibvirtUriError('MISSING_HOST', uri, 'ssh needs a host');
      return {
        ...base,
        secure: true,
        transport: 'ssh',
        host,
        port: port ?? DEFAULT_SSH_PORT,
        uriPort: port,
        user: url.username ? decodeURIComponent(url.username) : undefined,
        keyfile: nonEmpty(uri, params, 'keyfile'),
        socketPath: nonEmpty(uri, params, 'socket'),
        proxy: parseProxy(uri, params['proxy']),
        netcat: nonEmpty(uri, params, 'netcat'),
      };
    default:
      throw new LibvirtUriError('UNSUPPORTED_TRANSPORT', uri, `transport "${transport}" is not supported (unix, tcp, tls, ssh)`);
  }
}

function parsePort(uri: string, raw: string): number | undefined {
  if (raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LibvirtUriError('INVALID_PORT', uri, `invalid port ${raw}`);
  }
  return port;
}

function nonEmpty(uri: string, params: Record<string, string>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (value === '') throw new LibvirtUriError('INVALID_PARAMETER', uri, `parameter ${name} is empty`);
  return value;
}

function parseProxy(uri: string, raw: string | undefined): SshProxyMode {
  if (raw === undefined || raw === 'auto') return 'auto';
  if (raw === 'native' || raw === 'netcat') return raw;
  throw new LibvirtUriError('INVALID_PARAMETER', uri, `proxy must be auto, native or netcat, not "${raw}"`);
}

/** libvirt reads these as integers: 0 is off, anything else on. */
function parseFlag(uri: string, params: Record<string, string>, name: string): boolean {
  const value = params[name];
  if (value === undefined) return false;
  if (!/^\d+$/.test(value)) throw new LibvirtUriError('INVALID_PARAMETER', uri, `parameter ${name} must be 0 or 1, not "${value}"`);
  return Number(value) !== 0;
}

function parseAuth(uri: string, raw: string | undefined): AuthPreference | undefined {
  if (raw === undefined) return undefined;
  const preference = parseAuthPreference(raw);
  if (!preference) throw new LibvirtUriError('INVALID_PARAMETER', uri, `auth must be sasl, sasl.<mechanism> or polkit, not "${raw}"`);
  return preference;
}
