import type { EventName, EventPayload } from '../../shared/api';

export type EventListener = (name: EventName, payload: unknown) => void;
export type Publish = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Fans main-process events out to every connected renderer, whichever shell carries them. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  readonly publish: Publish = (name, payload) => {
    for (const listener of this.listeners) listener(name, payload);
  };

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
