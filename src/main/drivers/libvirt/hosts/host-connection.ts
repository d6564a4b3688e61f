// One libvirt host: its RPC connection, what it told us when we connected (UUID, CPU, memory),
// reconnection with backoff after a dropped connection or a libvirtd restart, and the domain
// events it streams, registered again on every new connection (they die with the old one).

import { silentLogger, type Logger } from '../../../base/logger';
import { DriverError } from '../../driver';
import { redactUri } from '../../../base/redact';
import { connectionSpecOf, type LibvirtHostConfig } from './config';
import type { ConnectionSpec } from '../rpc/uri';
import { authDriverError, driverCodeOf, messageOf } from './error-mapping';
import { hostIdOf } from '../ids';
import {
  connectGetCapabilities,
  connectGetHostname,
  connectGetLibVersion,
  nodeGetInfo,
  LibvirtAuthError,
  openLibvirt,
  RpcClientError,
  subscribeDomainEvents,
  type DomainEvent,
  type LibvirtClient,
  type NodeInfo,
  type OpenLibvirtOptions,
  type OpenSshEnvironment,
  processOpenSshEnvironment,
} from '../rpc';
import { hostKeyError } from './host-key-errors';
import { tlsConnectionError } from './tls-errors';
import { socketFailureOf } from './socket-errors';
import { foreignPeerErrorOf } from './foreign-peer-errors';
import { HostKeyCheck } from './ssh-host-key';
import { parseCapabilities, type HostCapabilities } from '../xml/capabilities';

export type HostConnectionState = 'connecting' | 'connected' | 'disconnected' | 'closed';

/** What a host told us when the current connection opened. */
export interface HostSession {
  client: LibvirtClient;
  hostId: string;
  hostname: string;
  capabilities: HostCapabilities;
  capabilitiesXml: string;
  nodeInfo: NodeInfo;
  /** The daemon's libvirt version (major * 1,000,000 + minor * 1,000 + micro); null when it would not say. */
  libVersion: number | null;
  connectedAt: number;
}

export interface HostConnectionOptions {
  logger?: Logger;
  onEvent?: (connection: HostConnection, event: DomainEvent) => void;
  onStateChange?: (connection: HostConnection) => void;
  /** Opens a client for a config; tests pass a fake daemon here. */
  openClient?: (config: LibvirtHostConfig, hostKey: HostKeyCheck) => Promise<LibvirtClient>;
  /** Whose ~/.ssh and ssh-agent SSH hosts are reached with; default this process's. */
  openssh?: OpenSshEnvironment;
  backoff?: { initialMs: number; maxMs: number };
}

/** Every call's timeout: the first capabilities call on a fresh daemon probes QEMU for seconds. */
const CAPABILITIES_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 15_000;

export class HostConnection {
  state: HostConnectionState = 'connecting';
  session: HostSession | null = null;
  /** Known from the config (Ferry's saved id) or after the first connection; kept while disconnected. */
  hostId: string | null;
  lastError: DriverError | null = null;
  /** The SSH host key fingerprint seen on the last attempt (trust on first use). */
  seenHostKeySha256: string | null = null;
  readonly ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private timer: NodeJS.Timeout | null = null;
  private delayMs: number;
  private readonly logger: Logger;

  constructor(
    readonly config: LibvirtHostConfig,
    private readonly options: HostConnectionOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.hostId = config.hostId ? config.hostId.toLowerCase() : null;
    this.delayMs = options.backoff?.initialMs ?? 500;
    this.ready = new Promise((resolve) => (this.markReady = resolve));
  }

  /** A name for messages: the configured or reported name, else the URI's host part. */
  get label(): string {
    return this.config.name ?? this.session?.hostname ?? redactUri(this.config.uri);
  }

  start(): void {
    if (this.config.waitingFor) {
      this.lastError = new DriverError('HOST_UNREACHABLE', this.config.waitingFor);
      this.setState('disconnected');
      this.markReady();
      return;
    }
    void this.attempt();
  }

  /** The live session, or HOST_UNREACHABLE. */
  require(): HostSession {
    if (this.state === 'connected' && this.session && !this.session.client.closed) return this.session;
    throw new DriverError('HOST_UNREACHABLE', `${this.label} is not connected${this.lastError ? ` (${this.lastError.message})` : ''}`);
  }

  /** A separate connection with the same credentials (a migration's blocking call gets its own). */
  async openExtraClient(): Promise<LibvirtClient> {
    return this.open(new HostKeyCheck(this.config.hostKeySha256));
  }

  async close(): Promise<void> {
    this.state = 'closed';
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.session?.client;
    this.session = null;
    this.markReady();
    await client?.close();
  }

  private open(hostKey: HostKeyCheck): Promise<LibvirtClient> {
    return this.options.openClient
      ? this.options.openClient(this.config, hostKey)
      : openClientFor(this.config, hostKey, this.options.openssh ?? processOpenSshEnvironment());
  }

  private get closed(): boolean {
    return this.state === 'closed';
  }

  private async attempt(): Promise<void> {
    if (this.closed) return;
    const hostKey = new HostKeyCheck(this.config.hostKeySha256);
    let client: LibvirtClient | null = null;
    try {
      client = await this.open(hostKey);
      const session = await describeHost(client);
      if (this.hostId && this.hostId !== session.hostId)
        throw new DriverError(
          'OPERATION_FAILED',
          `${redactUri(this.config.uri)} now answers as another host (${session.hostId}, not ${this.hostId}); remove it and add it again if it was replaced`,
        );
      await subscribeDomainEvents(client, ['lifecycle', 'migration-iteration', 'job-completed'], (event) =>
        this.options.onEvent?.(this, event),
      );
      if (this.closed) return void client.destroy();
      client.onClose((reason) => this.dropped(reason.kind));
      this.seenHostKeySha256 = hostKey.seen;
      this.session = session;
      this.hostId = session.hostId;
      this.lastError = null;
      this.delayMs = this.options.backoff?.initialMs ?? 500;
      this.setState('connected');
      this.logger.info(`libvirt: connected to ${this.label} (${session.hostId})`);
    } catch (error) {
      client?.destroy();
      this.seenHostKeySha256 = hostKey.seen;
      this.lastError = connectionError(error, hostKey, this.config);
      this.logger.warn(`libvirt: cannot connect to ${this.label}: ${this.lastError.message}`);
      this.setState('disconnected');
      this.scheduleRetry();
    } finally {
      this.markReady();
    }
  }

  private dropped(kind: string): void {
    if (this.state === 'closed') return;
    this.logger.warn(`libvirt: connection to ${this.label} ended (${kind}); reconnecting`);
    this.session = null;
    this.lastError = new DriverError('HOST_UNREACHABLE', `connection ended (${kind})`);
    this.setState('disconnected');
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.state === 'closed' || this.timer) return;
    const delay = this.delayMs * (0.8 + Math.random() * 0.4);
    this.delayMs = Math.min(this.delayMs * 2, this.options.backoff?.maxMs ?? 10_000);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.attempt();
    }, delay);
    this.timer.unref();
  }

  private setState(state: HostConnectionState): void {
    if (this.state === state || this.state === 'closed') return;
    this.state = state;
    this.options.onStateChange?.(this);
  }
}

async function describeHost(client: LibvirtClient): Promise<HostSession> {
  const capabilitiesXml = await connectGetCapabilities(client);
  const capabilities = parseCapabilities(capabilitiesXml);
  const [hostname, nodeInfo, libVersion] = await Promise.all([
    connectGetHostname(client),
    nodeGetInfo(client),
    connectGetLibVersion(client).then(
      (v) => v.packed,
      () => null,
    ),
  ]);
  return {
    client,
    hostId: hostIdOf(capabilities.uuid),
    hostname,
    capabilities,
    capabilitiesXml,
    nodeInfo,
    libVersion,
    connectedAt: Date.now(),
  };
}

/** Opens a client for a host config: transport, credentials, pinned host key. */
export function openClientFor(config: LibvirtHostConfig, hostKey: HostKeyCheck, openssh: OpenSshEnvironment): Promise<LibvirtClient> {
  const spec = connectionSpecOf(config);
  const credentials = config.credentials;
  const options: OpenLibvirtOptions = {
    callTimeoutMs: CAPABILITIES_TIMEOUT_MS,
    // An address that drops packets would otherwise hold the first discovery for minutes.
    signal: AbortSignal.timeout(CONNECT_TIMEOUT_MS),
    ...(config.sasl ? { sasl: config.sasl } : {}),
    ...(spec.transport === 'ssh'
      ? {
          ssh: {
            verifyHostKey: hostKey.verify,
            openssh,
            hostKeyPinned: config.hostKeySha256 !== undefined,
            ...(credentials?.kind === 'password' ? { password: credentials.password } : {}),
            ...(credentials?.kind === 'key'
              ? { privateKey: credentials.privateKey, ...(credentials.passphrase ? { passphrase: credentials.passphrase } : {}) }
              : {}),
          },
        }
      : {}),
    ...(config.pkiDir ? { tls: { pkiDir: config.pkiDir } } : {}),
  };
  return openLibvirt(spec, options);
}

/** Turns a failed connection attempt into a typed error without echoing credentials. */
export function connectionError(error: unknown, hostKey: HostKeyCheck, config: LibvirtHostConfig): DriverError {
  if (error instanceof DriverError) return error;
  if (hostKey.refusal) return hostKeyError(hostKey.refusal);
  if (error instanceof LibvirtAuthError) return authDriverError(error);
  const tls = tlsConnectionError(error);
  if (tls) return tls;
  const cause = error instanceof RpcClientError ? error.cause : undefined;
  const level = typeof cause === 'object' && cause !== null && 'level' in cause ? String(cause.level) : '';
  if (level === 'client-authentication') return new DriverError('AUTH_FAILED', `SSH login to ${redactUri(config.uri)} was refused`);
  const socket = socketFailureOf(error, transportOf(config), redactUri(config.uri));
  if (socket) return socket;
  const foreign = foreignPeerErrorOf(error, specOf(config));
  if (foreign) return foreign;
  const code = driverCodeOf(error);
  return new DriverError(code === 'UNKNOWN' || code === 'OPERATION_FAILED' ? 'HOST_UNREACHABLE' : code, messageOf(error));
}

function transportOf(config: LibvirtHostConfig): 'unix' | 'tcp' | 'ssh' | 'tls' | null {
  return specOf(config)?.transport ?? null;
}

function specOf(config: LibvirtHostConfig): ConnectionSpec | null {
  try {
    return connectionSpecOf(config);
  } catch {
    return null;
  }
}
