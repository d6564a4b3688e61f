import type { z } from 'zod';
import { Notice } from './app';
import { InventoryDelta } from '../model/inventory';

/** Everything main pushes to the renderer, by dotted name. */
export const events = {
  'inventory.delta': InventoryDelta,
  'app.notice': Notice,
};

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
