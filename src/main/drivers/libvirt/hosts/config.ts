// How the libvirt driver is configured: one entry per host, plus estate-wide settings. Secrets
// (passwords, private keys) live only here and in the SSH transport: never in logs or errors.

import type { Logger } from '../../../base/logger';
import { DriverError, type DriverJournal } from '../../driver';
import {
  LibvirtUriError,
  parseLibvirtUri,
  type ConnectionSpec,
  type LibvirtClient,
  type OpenSshEnvironment,
  type SaslCredentials,
} from '../rpc';
import type { HostKeyCheck } from './ssh-host-key';

type LibvirtCredentials = { kind: 'password'; password: string } | { kind: 'key'; privateKey: string; passphrase?: string };

export interface LibvirtHostConfig {
  /** qemu+unix:///system?socket=…, qemu+tcp://host/system, qemu+ssh://user@host/system, qemu+tls://host/system */
  uri: string;
  /** Display name; default: the hostname libvirt reports. */
  name?: string;
  /**
   * The id Ferry saved when the host was added (`libvirt:<host UUID>`): the host is known by it
   * before it answers, and a different host answering at this URI is refused.
   */
  hostId?: string;
  clusterId: string;
  clusterName?: string;
  /**
   * The destination URI the SOURCE libvirtd dials for a peer-to-peer migration to this host. Default:
   * derived from `uri` (tcp as is; ssh without its client-only parameters). A unix-socket URI names
   * no address other hosts can reach, so such a host needs this to be a migration destination.
   */
  migrationUri?: string;
  /** Address for the migration data stream (`migrate_uri tcp://<address>`); default: the host of migrationUri. */
  migrationAddress?: string;
  credentials?: LibvirtCredentials;
  /** The libvirt SASL login, for a daemon whose socket asks for SASL (independent of the SSH login). */
  sasl?: SaslCredentials;
  /**
   * Why Ferry must not dial this host yet (its saved credentials cannot be opened here): it stays
   * known by its id and disconnected with this reason until it is added again. Logging in without
   * the credentials would only fill the host's auth log (and trip fail2ban).
   */
  waitingFor?: string;
  /**
   * Pinned SSH host key, SHA256 base64 as OpenSSH prints it (with or without the `SHA256:` prefix):
   * the key the admin confirmed when adding the host. Without it the key must be in known_hosts.
   */
  hostKeySha256?: string;
  /**
   * qemu+tls://: the directory with this host's cacert.pem, clientcert.pem and clientkey.pem (the
   * URI's `pkipath=` wins); without either, libvirt's defaults (/etc/pki, or ~/.pki/libvirt).
   */
  pkiDir?: string;
  /** Virtualization type whose CPU model defines what guests may use here; default kvm when offered, else qemu (TCG). */
  virtType?: 'kvm' | 'qemu';
  /**
   * The migration link's speed, bytes per second, as the admin knows it (the add-host form); libvirt
   * cannot measure it. Unset: 10 Gb/s, reported as assumed. The engine prefers what completed
   * migrations between two hosts achieved (engine/planning/link-speeds.ts).
   */
  migrationBandwidthBps?: number;
  /** Bridges guests may attach to on this host, beyond those libvirt lists as host interfaces. */
  bridges?: string[];
  /**
   * Read guests' boot ids through their QEMU guest agent (guest-file-open/read/close of
   * /proc/sys/kernel/random/boot_id), so verification can tell the same boot went on. libvirt
   * marks each guest asked this way as tainted (`custom-ga-command`), so it is off by default:
   * without it an agent's answer proves the guest runs, not that it did not reboot.
   */
  agentBootId?: boolean;
}

export interface LibvirtDriverOptions {
  id?: string;
  hosts: LibvirtHostConfig[];
  /** Where jobs and reservations are written before they take effect, so a restarted Ferry picks them up. */
  journal: DriverJournal;
  /** Pool names that are the same storage on every host that defines them (libvirt cannot tell for dir pools). */
  sharedPools?: string[];
  datacenterName?: string;
  logger?: Logger;
  /** Parallel migration streams (VIR_MIGRATE_PARALLEL) for pre-copy; unset or 1 = one stream. */
  parallelConnections?: number;
  /** Datastore throughput Ferry assumes for predictions; libvirt does not report it (default 200 MiB/s). */
  datastoreThroughputBps?: number;
  /** Whose ~/.ssh (config, known_hosts, identity files) and ssh-agent SSH hosts use; default this process's. */
  openssh?: OpenSshEnvironment;
  /** How guests' dirty rates are sampled (inventory/dirty-rates.ts); default 3 s, 3 guests at a time, each at most every 5 min. */
  dirtyRateSampling?: { seconds?: number; maxInFlight?: number; refreshMs?: number };
  /** Opens a host's RPC client; default: the transport its URI names. Tests pass a fake daemon. */
  openClient?: (config: LibvirtHostConfig, hostKey: HostKeyCheck) => Promise<LibvirtClient>;
}

export const DEFAULT_MIGRATION_BANDWIDTH_BPS = 10e9 / 8;
export const DEFAULT_DATASTORE_THROUGHPUT_BPS = 200 * 1024 ** 2;

/** Parses a host's URI, turning a malformed one into a typed driver error. */
export function connectionSpecOf(config: LibvirtHostConfig): ConnectionSpec {
  try {
    return parseLibvirtUri(config.uri);
  } catch (error) {
    if (error instanceof LibvirtUriError && error.kind === 'PASSWORD_IN_URI') throw new DriverError('PASSWORD_IN_URI', error.message);
    // The URI, not the hypervisor: nothing was dialled (review2 F5).
    throw new DriverError(
      'INVALID_URI',
      `invalid libvirt URI for ${config.name ?? 'a host'}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The URI a source daemon dials to reach this host; null when none can be derived. */
export function migrationUriOf(config: LibvirtHostConfig): string | null {
  if (config.migrationUri) return config.migrationUri;
  const spec = connectionSpecOf(config);
  switch (spec.transport) {
    case 'tcp':
      return `${spec.driver}+tcp://${bracketed(spec.host)}${spec.port === 16509 ? '' : `:${spec.port}`}${pathOf(spec.remoteName)}`;
    case 'ssh':
      // The source daemon logs in with its own SSH identity; our key stays with us.
      return `${spec.driver}+ssh://${spec.user ? `${encodeURIComponent(spec.user)}@` : ''}${bracketed(spec.host)}${spec.port === 22 ? '' : `:${spec.port}`}${pathOf(spec.remoteName)}`;
    case 'tls':
      // The source daemon presents its own client certificate (libvirt's /etc/pki on that host).
      return `${spec.driver}+tls://${bracketed(spec.host)}${spec.port === 16514 ? '' : `:${spec.port}`}${pathOf(spec.remoteName)}`;
    case 'unix':
      return null;
    default:
      return null;
  }
}

/** Why no other host can dial this one for a migration, in words for the precheck; null when one can. */
export function incomingMigrationBlockerOf(config: LibvirtHostConfig): string | null {
  try {
    if (migrationUriOf(config)) return null;
  } catch (error) {
    return `its URI cannot be turned into a migration URI (${error instanceof Error ? error.message : String(error)})`;
  }
  return 'it is reached by a local socket URI and has no migration URI set';
}

/** The address QEMU streams migration data to (migrate_uri); null when unknown. */
export function migrationAddressOf(config: LibvirtHostConfig): string | null {
  if (config.migrationAddress) return config.migrationAddress;
  const uri = migrationUriOf(config);
  if (!uri) return null;
  try {
    const spec = parseLibvirtUri(uri);
    return spec.transport === 'unix' ? null : spec.host;
  } catch {
    return null;
  }
}

const bracketed = (host: string): string => (host.includes(':') ? `[${host}]` : host);
const pathOf = (remoteName: string): string => remoteName.replace(/^[a-z0-9]+:\/\//i, '').replace(/\?.*$/, '') || '/system';
