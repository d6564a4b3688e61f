// The driver's hosts: one HostConnection per configured host, found by the host id libvirt's UUID
// gives it, with the last inventory each reported (kept while it is unreachable, so a restarting
// libvirtd does not make its guests vanish from Ferry).

import type { Logger } from '../../../base/logger';
import { DriverError } from '../../driver';
import { redactUri } from '../../../base/redact';
import type { LibvirtHostConfig } from './config';
import { HostConnection, type HostConnectionOptions, type HostSession } from './host-connection';
import type { HostSnapshot } from './host-snapshot';

export class HostRegistry {
  readonly connections: HostConnection[] = [];
  /** The last snapshot per host id. */
  readonly snapshots = new Map<string, HostSnapshot>();
  private readonly warned = new Set<string>();

  constructor(
    private readonly connectionOptions: HostConnectionOptions,
    private readonly logger: Logger,
  ) {}

  add(config: LibvirtHostConfig): HostConnection {
    const connection = new HostConnection(config, this.connectionOptions);
    this.connections.push(connection);
    connection.start();
    return connection;
  }

  async remove(connection: HostConnection): Promise<void> {
    const index = this.connections.indexOf(connection);
    if (index !== -1) this.connections.splice(index, 1);
    if (connection.hostId && !this.connections.some((c) => c.hostId === connection.hostId)) this.snapshots.delete(connection.hostId);
    await connection.close();
  }

  /** Waits for every host's first connection attempt (successful or not). */
  async ready(): Promise<void> {
    await Promise.all(this.connections.map((c) => c.ready));
  }

  /** One connection per host id: a host configured twice (say unix and ssh) counts once, the first. */
  byHost(): Map<string, HostConnection> {
    const map = new Map<string, HostConnection>();
    for (const connection of this.connections) {
      if (!connection.hostId) continue;
      if (map.has(connection.hostId)) {
        if (!this.warned.has(connection.config.uri))
          this.logger.warn(
            `libvirt: ${redactUri(connection.config.uri)} is the same host as another entry (${connection.hostId}); ignoring it`,
          );
        this.warned.add(connection.config.uri);
        continue;
      }
      map.set(connection.hostId, connection);
    }
    return map;
  }

  connection(hostId: string): HostConnection {
    const connection = this.byHost().get(hostId);
    if (!connection) throw new DriverError('NOT_FOUND', `no libvirt host ${hostId}`);
    return connection;
  }

  session(hostId: string): HostSession {
    return this.connection(hostId).require();
  }

  /** Connected hosts, each once. */
  connected(): { hostId: string; connection: HostConnection; session: HostSession }[] {
    const out: { hostId: string; connection: HostConnection; session: HostSession }[] = [];
    for (const [hostId, connection] of this.byHost()) {
      if (connection.state === 'connected' && connection.session) out.push({ hostId, connection, session: connection.session });
    }
    return out;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.connections.splice(0).map((c) => c.close()));
  }
}
