import { newToken } from './guard';

/** How long a link that opens the browser stays good: the browser opens it in seconds. */
export const BOOTSTRAP_LIFETIME_MS = 60_000;
/** Sessions kept at most (one per exchange; the oldest go first): a reloading tab must not grow the set. */
const MAX_SESSIONS = 1_000;
const MAX_LINKS = 16;

/**
 * One-time links that open the browser, and the sessions they are exchanged for. A link dies once
 * used or after a minute; a session is a random value of its own, so a cookie seen by another
 * server on 127.0.0.1 (cookies ignore ports) never reveals the printed token.
 */
export class BrowserSessions {
  private readonly links = new Map<string, number>();
  private readonly sessions = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  issueLink(): string {
    for (const [code, expires] of this.links) if (expires < this.now() || this.links.size >= MAX_LINKS) this.links.delete(code);
    const code = newToken();
    this.links.set(code, this.now() + BOOTSTRAP_LIFETIME_MS);
    return code;
  }

  /** True once per link issued, within its lifetime. */
  redeemLink(code: string): boolean {
    const expires = this.links.get(code);
    this.links.delete(code);
    return expires !== undefined && this.now() <= expires;
  }

  open(): string {
    const session = newToken();
    this.sessions.add(session);
    for (const oldest of this.sessions) {
      if (this.sessions.size <= MAX_SESSIONS) break;
      this.sessions.delete(oldest);
    }
    return session;
  }

  has(session: string): boolean {
    return this.sessions.has(session);
  }
}
