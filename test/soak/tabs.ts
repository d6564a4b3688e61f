import WebSocket from 'ws';
import { pick } from './workload';

interface Tab {
  socket: WebSocket;
  frozen: boolean;
  closed: boolean;
  /** Messages read (replies and events). */
  read: number;
}

/**
 * Browser tabs on the console's WebSocket bridge: they connect, read what the console pushes,
 * and some freeze (stop reading, as a tab in the background or a laptop lid does). A frozen tab
 * must be dropped by the console; a live one must not be.
 */
export class Tabs {
  private readonly tabs: Tab[] = [];
  private nextId = 1;
  opened = 0;
  frozen = 0;

  constructor(
    private readonly port: number,
    private readonly token: string,
  ) {}

  async open(): Promise<void> {
    const socket = new WebSocket(`ws://127.0.0.1:${this.port}/bridge?token=${this.token}`, {
      headers: { origin: `http://127.0.0.1:${this.port}` },
    });
    const tab: Tab = { socket, frozen: false, closed: false, read: 0 };
    socket.on('message', () => void tab.read++);
    socket.on('close', () => void (tab.closed = true));
    socket.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    // What a tab asks first; the answer and the events after it arrive as the console runs.
    socket.send(JSON.stringify({ id: this.nextId++, name: 'tasks.list', payload: { limit: 200 } }));
    socket.send(JSON.stringify({ id: this.nextId++, name: 'schedules.list', payload: {} }));
    this.tabs.push(tab);
    this.opened++;
  }

  /** Stops reading one live tab: its socket stays open, its pongs stop. */
  freezeOne(rand: () => number): void {
    const live = this.live();
    if (live.length === 0) return;
    const tab = pick(live, rand);
    tab.socket.pause();
    tab.frozen = true;
    this.frozen++;
  }

  live(): Tab[] {
    return this.tabs.filter((t) => !t.frozen && !t.closed);
  }

  /** Live tabs the console closed: should be none. */
  liveDropped(): number {
    return this.tabs.filter((t) => !t.frozen && t.closed).length;
  }

  /** Wakes the frozen tabs: each should find its socket closed by the console. Returns how many were. */
  async wakeFrozen(): Promise<{ dropped: number; stillOpen: number }> {
    const frozen = this.tabs.filter((t) => t.frozen);
    for (const tab of frozen) tab.socket.resume();
    // Reading again, a dropped tab sees the end of its socket at once.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const dropped = frozen.filter((t) => t.closed).length;
    return { dropped, stillOpen: frozen.length - dropped };
  }

  messagesRead(): number {
    return this.tabs.reduce((sum, t) => sum + t.read, 0);
  }

  closeAll(): void {
    for (const tab of this.tabs) tab.socket.terminate();
  }
}
