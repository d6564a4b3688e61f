import fc from 'fast-check';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { commands, ErrorCode, type BridgeMessage, type CommandName, type Envelope } from '../../src/shared/api';
import { rawRequest, type ShellTarget } from './gen/http';
import { asJson } from './gen/hostile';
import { bridgeMessage, rawFrames } from './gen/websocket';
import { derivedSeed, describePayload } from './settings';
import { ClosedAsTooBig, type Invoke } from './world';

export interface ShellTally {
  sent: number;
  /** How each ended: `HTTP 400`, `closed 1008`, `reply VALIDATION_FAILED`... */
  outcomes: Record<string, number>;
  findings: { input: string; problem: string }[];
}

const newTally = (): ShellTally => ({ sent: 0, outcomes: {}, findings: [] });
const count = (tally: ShellTally, outcome: string): void => void (tally.outcomes[outcome] = (tally.outcomes[outcome] ?? 0) + 1);

/** Sends bytes on a fresh TCP connection, half-closes, and says how the server answered. */
function sendRaw(port: number, bytes: Buffer, timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer');
    }, timeoutMs);
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received)?.[1];
      resolve(status ? `HTTP ${status}` : received ? 'answered without a status line' : 'closed');
    });
    socket.write(bytes, () => socket.end());
  });
}

/** Raw HTTP requests, garbage in every part: each must be answered or closed, none may hang or stop the console. */
export async function httpGarbage(target: ShellTarget, seed: number, runs: number, alive: () => boolean): Promise<ShellTally> {
  const tally = newTally();
  const requests = fc.sample(rawRequest(target), { seed: derivedSeed(seed, 'http'), numRuns: runs });
  const recent: string[] = [];
  for (const request of requests) {
    tally.sent++;
    recent.splice(0, recent.length - 2, describePayload(request.bytes));
    const outcome = await sendRaw(target.port, Buffer.from(request.bytes, 'latin1'), 10_000);
    count(tally, outcome);
    if (outcome === 'no answer') tally.findings.push({ input: describePayload(request.bytes), problem: 'no answer in 10 s' });
    // The exit is seen a moment after the socket closes: the culprit is one of the last requests.
    if (outcome === 'closed') await new Promise((r) => setTimeout(r, 50));
    if (!alive()) {
      tally.findings.push({ input: recent.join('\n    or '), problem: 'the console exited after one of these' });
      break;
    }
  }
  return tally;
}

const bridgeUrl = (t: ShellTarget): string => `ws://127.0.0.1:${t.port}/bridge?token=${t.token}`;
const origin = (t: ShellTarget): string => `http://127.0.0.1:${t.port}`;

function open(t: ShellTarget): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(bridgeUrl(t), { headers: { origin: origin(t) }, maxPayload: 64 * 1024 * 1024 });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** What a bridge answer says: a typed error, a valid result, or a problem. */
function judge(name: unknown, envelope: Envelope<unknown>): { outcome: string; problem?: string } {
  if (envelope.ok) {
    const spec = typeof name === 'string' && Object.hasOwn(commands, name) ? commands[name as CommandName] : null;
    if (!spec) return { outcome: 'reply ok', problem: 'a result for no command' };
    return spec.response.safeParse(envelope.value).success ? { outcome: 'reply ok' } : { outcome: 'reply ok', problem: 'invalid result' };
  }
  const code = ErrorCode.safeParse(envelope.error?.code);
  if (!code.success) return { outcome: 'reply untyped', problem: `untyped error ${describePayload(envelope.error)}` };
  if (code.data === 'INTERNAL') return { outcome: 'reply INTERNAL', problem: `internal error: ${envelope.error.message}` };
  return { outcome: `reply ${code.data}` };
}

/** Messages on the bridge, garbage or hostile requests: a request with a numeric id gets a reply, anything else closes the socket. */
export async function webSocketGarbage(target: ShellTarget, seed: number, runs: number, alive: () => boolean): Promise<ShellTally> {
  const tally = newTally();
  const messages = fc.sample(bridgeMessage, { seed: derivedSeed(seed, 'ws'), numRuns: runs });
  let ws = await open(target);
  let previous = '';
  for (const message of messages) {
    const text = typeof message === 'string' ? message : message.toString('utf8');
    if (ws.readyState !== WebSocket.OPEN) {
      try {
        ws = await open(target);
      } catch (error) {
        tally.findings.push({ input: describePayload(previous), problem: `no bridge after this message: ${String(error)}` });
        break;
      }
    }
    previous = text;
    tally.sent++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const name = typeof parsed === 'object' && parsed !== null ? (parsed as { name?: unknown }).name : undefined;
    const outcome = await new Promise<{ outcome: string; problem?: string }>((resolve) => {
      const timer = setTimeout(() => done({ outcome: 'no answer', problem: 'no reply and no close in 10 s' }), 10_000);
      const onMessage = (data: WebSocket.RawData): void => {
        const reply = JSON.parse(String(data)) as BridgeMessage;
        if (reply.kind === 'reply') done(judge(name, reply.envelope));
      };
      const onClose = (code: number): void => done({ outcome: `closed ${code}` });
      function done(result: { outcome: string; problem?: string }): void {
        clearTimeout(timer);
        ws.off('message', onMessage);
        ws.off('close', onClose);
        resolve(result);
      }
      ws.on('message', onMessage);
      ws.on('close', onClose);
      ws.on('error', () => undefined);
      ws.send(message);
    });
    count(tally, outcome.outcome);
    if (outcome.problem) tally.findings.push({ input: describePayload(text), problem: outcome.problem });
    if (!alive()) {
      tally.findings.push({ input: describePayload(text), problem: 'the console exited' });
      break;
    }
  }
  ws.close();
  return tally;
}

/** Raw frames after a real handshake: the server must close (or wait for more), never fall over. */
export async function frameGarbage(target: ShellTarget, seed: number, runs: number, alive: () => boolean): Promise<ShellTally> {
  const tally = newTally();
  const frames = fc.sample(rawFrames, { seed: derivedSeed(seed, 'frames'), numRuns: runs });
  for (const frame of frames) {
    tally.sent++;
    const handshake = [
      `GET /bridge?token=${target.token} HTTP/1.1`,
      `Host: 127.0.0.1:${target.port}`,
      `Origin: ${origin(target)}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ].join('\r\n');
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(target.port, '127.0.0.1');
      let received = '';
      let upgraded = false;
      // A frame that announces more bytes than it brings waits for them: that is not a hang of the console.
      const timer = setTimeout(() => (socket.destroy(), resolve(upgraded ? 'waiting for more' : 'no handshake')), 1_500);
      socket.on('error', () => undefined);
      socket.on('data', (d) => {
        received += d.toString('latin1');
        if (!upgraded && received.includes('\r\n\r\n')) {
          upgraded = received.startsWith('HTTP/1.1 101');
          if (upgraded) socket.write(frame);
        }
      });
      socket.on('close', () => {
        clearTimeout(timer);
        resolve(upgraded ? 'closed by the server' : 'refused');
      });
      socket.write(`${handshake}\r\n\r\n`);
    });
    count(tally, outcome);
    if (outcome === 'no handshake' || outcome === 'refused')
      tally.findings.push({ input: frame.toString('hex'), problem: `the handshake failed: ${outcome}` });
    if (!alive()) {
      tally.findings.push({ input: frame.toString('hex'), problem: 'the console exited' });
      break;
    }
  }
  return tally;
}

/** The command fuzzer's calls over the bridge, one socket, JSON as a browser sends it. */
/** The browser shell's limit on one bridge message (server.ts maxPayload). */
const bridgeMaxPayload = 1024 * 1024;

export async function bridgeInvoker(target: ShellTarget): Promise<{ invoke: Invoke; close: () => void }> {
  let ws = await open(target);
  let nextId = 1;
  const invoke: Invoke = async (name, payload) => {
    if (ws.readyState !== WebSocket.OPEN) ws = await open(target);
    const id = nextId++;
    const message = JSON.stringify({ id, name: asJson(name), payload: asJson(payload) });
    return new Promise((resolve, reject) => {
      const onMessage = (data: WebSocket.RawData): void => {
        const reply = JSON.parse(String(data)) as BridgeMessage;
        if (reply.kind === 'reply' && reply.id === id) {
          ws.off('message', onMessage).off('close', onClose);
          resolve(reply.envelope);
        }
      };
      const onClose = (code: number): void => {
        ws.off('message', onMessage);
        const tooBig = code === 1009 && Buffer.byteLength(message) > bridgeMaxPayload;
        reject(tooBig ? new ClosedAsTooBig() : new Error(`the bridge closed (${code}) without a reply`));
      };
      ws.on('message', onMessage).once('close', onClose);
      ws.send(message);
    });
  };
  return { invoke, close: () => ws.close() };
}

export function formatShellTally(label: string, tally: ShellTally): string {
  const outcomes = Object.entries(tally.outcomes)
    .sort((a, b) => b[1] - a[1])
    .map(([o, n]) => `${o}: ${n}`)
    .join(', ');
  return [`${label}: ${tally.sent} sent; ${outcomes}`, ...tally.findings.map((f) => `  FINDING ${f.problem} ← ${f.input}`)].join('\n');
}
