import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { FerryError } from '../../shared/api/errors';
import type { HostConnection, HostConnectionInput, HostTestResult } from '../../shared/model/inventory';
import type { AuditLog } from '../store/audit/audit-log';
import type { LibvirtHostConfig } from '../drivers/libvirt/hosts/config';
import type { LibvirtDriver } from '../drivers/libvirt/libvirt-driver';
import type { ConnectionRepository, StoredConnection } from '../store/connections';
import type { Logger } from '../base/logger';
import { loginsFromSealed, loginsToSeal, type HostLogins } from './sealed-logins';
import { redactUri } from '../base/redact';
import { SecretError, type SecretKeyring } from '../base/secrets';
import type { Fleet } from '../engine/fleet/fleet';
import type { InventoryService } from '../engine/fleet/inventory-service';
import type { MigrationEngine } from '../engine/engine';

const clusterIdOf = (name: string) =>
  `libvirt-cluster:${name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`;

interface SavedConfig {
  hostId: string | null;
  clusterName: string;
  migrationUri?: string;
  virtType?: 'kvm' | 'qemu';
  migrationBandwidthBps?: number;
  hostKeySha256?: string;
  pkiDir?: string;
  agentBootId?: boolean;
  sharedPools?: string[];
  auth: 'none' | 'password' | 'key';
  /** A libvirt SASL login is sealed with the SSH one. */
  sasl?: boolean;
}

/** How the libvirt backend is opened and a candidate host tried: the composition root decides. */
export interface LibvirtBackend {
  open(hosts: LibvirtHostConfig[], sharedPools: string[]): LibvirtDriver;
  test(config: LibvirtHostConfig): Promise<HostTestResult>;
}

/**
 * The libvirt hosts an admin added: saved with their credentials sealed by the keyring, opened
 * as one libvirt driver at start-up, added and removed at run time, every change audited (never
 * with a secret).
 */
export class HostConnections {
  private driver: LibvirtDriver | null = null;
  /** Hosts whose sealed credentials this console cannot open, and why: they wait to be re-entered. */
  private readonly unavailable = new Map<string, string>();

  constructor(
    private readonly repo: ConnectionRepository,
    private readonly secrets: SecretKeyring,
    private readonly audit: AuditLog,
    private readonly fleet: Pick<Fleet, 'attach'>,
    private readonly inventory: Pick<InventoryService, 'setMaintenance'>,
    private readonly engine: Pick<MigrationEngine, 'releaseHost'>,
    private readonly backend: LibvirtBackend,
    private readonly logger: Logger,
  ) {}

  /** Opens the saved hosts; a host that does not answer shows as disconnected and is retried. */
  async start(): Promise<void> {
    for (const name of this.repo.removeUriPasswords())
      this.logger.warn(
        `libvirt: the password saved in the URI of ${name} was removed (Ferry never used it); if the host needs one, enter it in its SSH or SASL login`,
      );
    const saved = this.repo.all('libvirt');
    if (saved.length === 0) return;
    // Hosts given at construction that do not answer show as disconnected and are retried.
    await this.ensureDriver(
      saved.map((c) => this.configOf(c)),
      saved.flatMap((c) => (c.config as unknown as SavedConfig).sharedPools ?? []),
    );
  }

  list(): HostConnection[] {
    return this.repo.all('libvirt').map((c) => {
      const config = c.config as unknown as SavedConfig;
      return {
        id: c.id,
        hostId: config.hostId,
        uri: redactUri(c.uri),
        name: c.name,
        clusterName: config.clusterName,
        auth: config.auth,
        saslLogin: config.sasl === true,
        hostKeySha256: config.hostKeySha256 ?? null,
        createdAt: c.createdAt,
        status: this.unavailable.has(c.id) ? 'credentials-unavailable' : 'ok',
        statusDetail: this.unavailable.get(c.id) ?? null,
      };
    });
  }

  async test(input: HostConnectionInput): Promise<HostTestResult> {
    const result = await this.backend.test(this.configFrom(input));
    return {
      ...result,
      cpu: { vendor: result.cpu.vendor, modelName: result.cpu.modelName, cores: result.cpu.cores, features: result.cpu.features },
    };
  }

  async add(input: HostConnectionInput, actor: string): Promise<HostConnection> {
    if (this.repo.all('libvirt').some((c) => c.uri === input.uri))
      throw new FerryError('CONFLICT', `${redactUri(input.uri)} is already added`);
    const config = this.configFrom(input);
    const driver = await this.ensureDriver([], []);
    driver.declareSharedPools(input.sharedPools ?? []);
    const hostId = await driver.addHost(config);
    const saved: SavedConfig = {
      hostId,
      clusterName: input.clusterName,
      auth: input.credentials?.kind ?? 'none',
      ...(input.sasl ? { sasl: true } : {}),
      ...(input.sharedPools ? { sharedPools: input.sharedPools } : {}),
      ...pick(input),
    };
    const connection: StoredConnection = {
      id: randomUUID(),
      kind: 'libvirt',
      uri: input.uri,
      name: input.name ?? hostId,
      clusterId: config.clusterId,
      config: saved as unknown as Record<string, unknown>,
      ...this.sealed({ ...(input.credentials ? { credentials: input.credentials } : {}), ...(input.sasl ? { sasl: input.sasl } : {}) }),
      createdAt: new Date().toISOString(),
    };
    this.repo.insert(connection);
    this.audit.append({
      actor,
      action: 'host.added',
      destHost: input.name ?? hostId,
      outcome: 'completed',
      details: `${redactUri(input.uri)} in cluster ${input.clusterName}; authentication: ${saved.auth}${saslNote(saved)}${hostKeyNote(input)}`,
    });
    this.logger.info(`added libvirt host ${redactUri(input.uri)}`);
    return this.list().find((c) => c.id === connection.id) as HostConnection;
  }

  async remove(connectionId: string, actor: string): Promise<void> {
    const connection = this.repo.all('libvirt').find((c) => c.id === connectionId);
    if (!connection) throw new FerryError('NOT_FOUND', `no saved host ${connectionId}`);
    const hostId = (connection.config as unknown as SavedConfig).hostId;
    // Its queued migrations end first (none may keep its VM's lock); one under way refuses the removal.
    if (hostId) this.engine.releaseHost(hostId, actor);
    if (hostId && this.driver) await this.driver.removeHost(hostId);
    // A host removed for good does not come back in maintenance if it is added again.
    if (hostId) this.inventory.setMaintenance(hostId, 'off');
    this.repo.remove(connectionId);
    this.audit.append({
      actor,
      action: 'host.removed',
      sourceHost: connection.name,
      outcome: 'completed',
      details: redactUri(connection.uri),
    });
  }

  private async ensureDriver(hosts: LibvirtHostConfig[], sharedPools: string[]): Promise<LibvirtDriver> {
    if (!this.driver) {
      this.driver = this.backend.open(hosts, sharedPools);
      await this.fleet.attach(this.driver);
    }
    return this.driver;
  }

  /** The logins re-entered for a host whose sealed ones this console could not open (or that changed): they replace the saved ones. */
  async updateCredentials(connectionId: string, logins: HostLogins, actor: string): Promise<HostConnection> {
    const found = this.repo.all('libvirt').find((c) => c.id === connectionId);
    if (!found) throw new FerryError('NOT_FOUND', `no saved host ${connectionId}`);
    const { secret, secretBox } = this.sealed(logins);
    this.repo.setSecret(connectionId, secret, secretBox);
    const { sasl: _before, ...rest } = found.config as unknown as SavedConfig;
    const savedConfig: SavedConfig = { ...rest, auth: logins.credentials?.kind ?? 'none', ...(logins.sasl ? { sasl: true } : {}) };
    this.repo.setConfig(connectionId, savedConfig as unknown as Record<string, unknown>);
    const connection = { ...found, config: savedConfig as unknown as Record<string, unknown> };
    this.unavailable.delete(connectionId);
    const config = this.configOf({ ...connection, secret, secretBox });
    // The host reconnects with the new credentials (refused while a migration involves it).
    const hostId = (connection.config as unknown as SavedConfig).hostId;
    const driver = await this.ensureDriver([], []);
    if (hostId) await driver.removeHost(hostId);
    await driver.addHost(config);
    this.audit.append({
      actor,
      action: 'host.credentials-changed',
      sourceHost: connection.name,
      outcome: 'completed',
      details: `${redactUri(connection.uri)}; authentication: ${savedConfig.auth}${saslNote(savedConfig)}`,
    });
    return this.list().find((c) => c.id === connectionId) as HostConnection;
  }

  private sealed(logins: HostLogins): Pick<StoredConnection, 'secret' | 'secretBox'> {
    const plain = loginsToSeal(logins);
    if (plain === null) return { secret: null, secretBox: null };
    const { box, sealed } = this.secrets.seal(plain);
    return { secret: sealed, secretBox: box };
  }

  /** The saved logins, or none when this console cannot open them (the host then asks for them again). */
  private loginsOf(c: StoredConnection): HostLogins | undefined {
    if (!c.secret) return undefined;
    try {
      const logins = loginsFromSealed(this.secrets.open(c.secretBox, c.secret));
      this.unavailable.delete(c.id);
      return logins;
    } catch (error) {
      if (!(error instanceof SecretError)) throw error;
      this.unavailable.set(c.id, `credentials unavailable: ${error.message}; re-enter them`);
      this.logger.warn(
        `libvirt: the credentials of ${c.name} cannot be opened here (${error.message}); it waits for them to be re-entered`,
      );
      return undefined;
    }
  }

  private configOf(c: StoredConnection): LibvirtHostConfig {
    const saved = c.config as unknown as SavedConfig;
    const logins = this.loginsOf(c);
    // The host id it was saved under: a restart that finds the host down still knows whose jobs are whose.
    return {
      ...this.configFrom({
        uri: c.uri,
        clusterName: saved.clusterName,
        name: c.name,
        ...pick(saved),
        ...logins,
      }),
      ...(saved.hostId ? { hostId: saved.hostId } : {}),
      ...(c.secret && !logins ? { waitingFor: this.unavailable.get(c.id) } : {}),
    };
  }

  private configFrom(input: HostConnectionInput): LibvirtHostConfig {
    return {
      uri: input.uri,
      clusterId: clusterIdOf(input.clusterName),
      clusterName: input.clusterName,
      ...(input.name ? { name: input.name } : {}),
      ...pick(input),
      ...(input.credentials ? { credentials: input.credentials } : {}),
      ...(input.sasl ? { sasl: input.sasl } : {}),
    };
  }
}

/** Whether a libvirt SASL login is saved too, for the audit (never the login itself). */
const saslNote = (saved: SavedConfig): string => (saved.sasl ? ' + libvirt SASL login' : '');

/** How the host was vouched for, for the audit: its pinned or known_hosts SSH key, or the TLS certificate directory given. */
function hostKeyNote(input: HostConnectionInput): string {
  if (input.hostKeySha256) return `; SSH host key ${input.hostKeySha256} pinned`;
  if (input.pkiDir) return `; TLS certificates from ${input.pkiDir}`;
  return /^[a-z0-9]+\+ssh:/i.test(input.uri) ? '; SSH host key checked against known_hosts' : '';
}

/** The optional, non-secret settings shared by the input and the saved form. */
function pick(from: {
  migrationUri?: string;
  virtType?: 'kvm' | 'qemu';
  migrationBandwidthBps?: number;
  hostKeySha256?: string;
  pkiDir?: string;
  agentBootId?: boolean;
}) {
  return {
    ...(from.agentBootId ? { agentBootId: true } : {}),
    ...(from.pkiDir ? { pkiDir: expandHome(from.pkiDir) } : {}),
    ...(from.migrationUri ? { migrationUri: from.migrationUri } : {}),
    ...(from.migrationBandwidthBps ? { migrationBandwidthBps: from.migrationBandwidthBps } : {}),
    ...(from.virtType ? { virtType: from.virtType } : {}),
    ...(from.hostKeySha256 ? { hostKeySha256: from.hostKeySha256 } : {}),
  };
}

/** `~/…` is the home of the user Ferry runs as (libvirt's own ~/.pki/libvirt is relative to it too). */
const expandHome = (path: string): string => (path.startsWith('~/') ? join(homedir(), path.slice(2)) : path);
