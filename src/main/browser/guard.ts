import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const newToken = (): string => randomBytes(32).toString('base64url');

/** What the guard asks of a session cookie's value: one of the sessions handed out. */
export interface SessionCheck {
  has(session: string): boolean;
}

/**
 * Decides whether a request may reach the console: it must name our own address in Host (against
 * DNS rebinding), carry no foreign Origin, and present the per-run token (query) or a session
 * cookie handed out for it.
 */
export class RequestGuard {
  constructor(
    private readonly token: string,
    private readonly port: () => number,
    private readonly sessions: SessionCheck,
  ) {}

  get cookieName(): string {
    // Cookies ignore ports: name it per port so two consoles on one machine do not clash.
    return `ferry_session_${this.port()}`;
  }

  allowedOrigins(): string[] {
    return [`http://127.0.0.1:${this.port()}`, `http://localhost:${this.port()}`];
  }

  /** Why the request is refused, or null when it may pass; `tokenless`: the caller checks a one-time link instead. */
  refuse(request: IncomingMessage, options: { requireOrigin: boolean; tokenless?: boolean }): { status: number; reason: string } | null {
    const host = request.headers.host ?? '';
    if (!this.allowedOrigins().some((o) => o.endsWith(`//${host}`))) return { status: 421, reason: 'unexpected Host' };
    const origin = request.headers.origin;
    if (origin !== undefined && !this.allowedOrigins().includes(origin)) return { status: 403, reason: 'foreign Origin' };
    if (options.requireOrigin && origin === undefined) return { status: 403, reason: 'missing Origin' };
    if (!options.tokenless && !this.hasToken(request)) return { status: 401, reason: 'missing or wrong token' };
    return null;
  }

  tokenFromQuery(request: IncomingMessage): string | null {
    return new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
  }

  /** A session of its own, never the token: HttpOnly, sent only on same-site requests, for this port's name. */
  sessionCookie(session: string): string {
    return `${this.cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`;
  }

  private hasToken(request: IncomingMessage): boolean {
    const fromQuery = this.tokenFromQuery(request);
    const fromCookie = (request.headers.cookie ?? '')
      .split(';')
      .map((c) => c.trim().split('='))
      .find(([name]) => name === this.cookieName)?.[1];
    return (fromQuery !== null && this.matches(fromQuery)) || (fromCookie !== undefined && this.sessions.has(fromCookie));
  }

  private matches(candidate: string): boolean {
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
