import type { CommandName, CommandRequest, CommandResponse } from './commands';
import type { EventName, EventPayload } from './events';
import type { Envelope } from './errors';

export * from './errors';
export * from './commands';
export * from './events';
export * from './app';
export * from './bridge';

/** What the preload exposes as window.api, and what the browser shell's WebSocket client implements. */
export interface FerryApi {
  invoke<N extends CommandName>(name: N, request: CommandRequest<N>): Promise<CommandResponse<N>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Wire messages of the browser shell's WebSocket bridge. */
export type BridgeRequest = { id: number; name: string; payload: unknown };
export type BridgeMessage = { kind: 'reply'; id: number; envelope: Envelope<unknown> } | { kind: 'event'; name: string; payload: unknown };
