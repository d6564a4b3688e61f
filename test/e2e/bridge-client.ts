import WebSocket from 'ws';
import { FerryError, type BridgeMessage, type CommandName, type CommandRequest, type CommandResponse } from '../../src/shared/api';
import { defaultConvergencePolicy } from '../../src/shared/model/migration';
import type { MigrationRequest } from '../../src/shared/model/schedule';

/** The console's WebSocket bridge from Node, with the token and Origin a browser would send: for setting up scenarios. */
export class BridgeClient {
  private nextId = 1;
  private readonly pending = new Map<number, (message: Extract<BridgeMessage, { kind: 'reply' }>) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as BridgeMessage;
      if (message.kind === 'reply') {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      }
    });
  }

  static connect(consoleUrl: string): Promise<BridgeClient> {
    const url = new URL(consoleUrl);
    const socket = new WebSocket(`ws://${url.host}/bridge?token=${url.searchParams.get('token')}`, { headers: { origin: url.origin } });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new BridgeClient(socket)));
      socket.once('error', reject);
    });
  }

  invoke<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<CommandResponse<N>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, ({ envelope }) =>
        envelope.ok ? resolve(envelope.value as CommandResponse<N>) : reject(FerryError.fromShape(envelope.error)),
      );
      this.socket.send(JSON.stringify({ id, name, payload: request }));
    });
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * A request as the wizard sends it once its checks ran: every warning they raise for `target`
 * acknowledged; default priority and options unless `extras` says otherwise.
 */
export async function acknowledgedRequest(
  client: BridgeClient,
  target: CommandRequest<'migration.precheck'>,
  extras: Partial<Pick<MigrationRequest, 'priority' | 'options'>> = {},
): Promise<MigrationRequest> {
  // With its options: a bandwidth or give-up limit it cannot finish under warns too.
  const checks = await client.invoke('migration.precheck', extras.options ? { ...target, options: extras.options } : target);
  return {
    ...target,
    priority: 'default',
    options: { bandwidthLimitBps: null, convergence: defaultConvergencePolicy },
    ...extras,
    acknowledgedWarnings: checks.flatMap((c) => c.results.filter((r) => r.severity === 'warning').map((r) => r.code)),
  };
}
