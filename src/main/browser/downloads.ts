import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ExportSink, Producer } from '../operations/exports';

/** Links not fetched yet; beyond this the oldest is dropped (a tab asking for exports it never fetches). */
export const maxPendingDownloads = 100;

interface Ticket {
  fileName: string;
  contentType: string;
  produce: Producer;
  expiresAt: number;
}

/**
 * One-time download links for the browser shell: an export is produced only when the browser
 * fetches its link, straight into the HTTP response, so nothing large is held in memory.
 */
export class DownloadRegistry implements ExportSink {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly now: () => number = Date.now) {}

  async save(defaultName: string, contentType: string, produce: Producer): Promise<{ kind: 'download'; url: string }> {
    return { kind: 'download', url: this.register(defaultName, contentType, produce) };
  }

  /** Links issued and neither fetched nor expired. */
  pendingCount(): number {
    return this.tickets.size;
  }

  register(fileName: string, contentType: string, produce: Producer, ttlMs = 5 * 60_000): string {
    this.forgetExpired();
    const id = randomBytes(16).toString('base64url');
    this.tickets.set(id, { fileName, contentType, produce, expiresAt: this.now() + ttlMs });
    return `/downloads/${id}`;
  }

  /** Tickets never fetched would otherwise stay for ever, each holding its producer. */
  private forgetExpired(): void {
    const now = this.now();
    for (const [id, ticket] of this.tickets) if (ticket.expiresAt < now) this.tickets.delete(id);
    // Maps keep insertion order: the first are the oldest.
    for (const id of this.tickets.keys()) {
      if (this.tickets.size < maxPendingDownloads) break;
      this.tickets.delete(id);
    }
  }

  serve(id: string, response: ServerResponse, headers: Record<string, string>): void {
    const ticket = this.tickets.get(id);
    this.tickets.delete(id);
    if (!ticket || ticket.expiresAt < this.now()) return void response.writeHead(404, headers).end('expired or unknown download\n');
    response.writeHead(200, {
      ...headers,
      'Content-Type': ticket.contentType,
      'Content-Disposition': `attachment; filename="${ticket.fileName.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    });
    ticket.produce(response).then(
      () => response.end(),
      () => response.destroy(),
    );
  }
}
