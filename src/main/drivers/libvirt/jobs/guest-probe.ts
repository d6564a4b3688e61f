// The guest's own word that it is alive: a TCP connect to the probe address from the domain's
// metadata, answered with one line `FERRY-PROBE/1 name=… boot=<hex> uptime=<s.mmm> …`. The boot id
// changes on every (re)boot, so a guest that crashed and restarted during a move is caught.

import { connect } from 'node:net';

export interface ProbeAnswer {
  name: string | null;
  bootId: string;
  uptimeMs: number;
  fields: Readonly<Record<string, string>>;
}

const PROBE_MAGIC = 'FERRY-PROBE/1';

/** Parses one probe line; null when it is not a probe answer (wrong magic, no boot id or uptime). */
export function parseProbeLine(line: string): ProbeAnswer | null {
  const [magic, ...pairs] = line.trim().split(/\s+/);
  if (magic !== PROBE_MAGIC) return null;
  const fields: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq > 0) fields[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const bootId = fields['boot'];
  const uptime = Number(fields['uptime']);
  if (!bootId || !/^[0-9a-f-]{8,}$/i.test(bootId) || !Number.isFinite(uptime) || uptime < 0) return null;
  return { name: fields['name'] ?? null, bootId: bootId.toLowerCase(), uptimeMs: Math.round(uptime * 1000), fields };
}

export interface ProbeOptions {
  /** Per attempt: connect plus the answer. */
  timeoutMs?: number;
  attempts?: number;
  pauseMs?: number;
}

/** Reads the probe line from address:port, retrying a few times; null when the guest never answers. */
export async function probeGuest(address: string, port: number, options: ProbeOptions = {}): Promise<ProbeAnswer | null> {
  const attempts = options.attempts ?? 3;
  for (let i = 0; i < attempts; i++) {
    const line = await readLine(address, port, options.timeoutMs ?? 1500);
    const answer = line === null ? null : parseProbeLine(line);
    if (answer) return answer;
    if (i + 1 < attempts) await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 300));
  }
  return null;
}

function readLine(address: string, port: number, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    let data = '';
    let done = false;
    const socket = connect({ host: address, port });
    const finish = (line: string | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(line);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      data += chunk;
      const newline = data.indexOf('\n');
      if (newline !== -1) finish(data.slice(0, newline));
      else if (data.length > 4096) finish(null);
    });
    socket.on('end', () => finish(data.length > 0 ? data : null));
    socket.on('error', () => finish(null));
  });
}
