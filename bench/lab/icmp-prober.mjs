// Pings one address every few milliseconds with busybox ping (the lab already needs busybox-static;
// Node has no raw sockets) and timestamps each reply as it arrives. It runs as its own process so
// that the migration under test (Ferry runs in the benchmark's process) cannot delay the stamps.
//
//   node bench/lab/icmp-prober.mjs <ip> <intervalMs>
//
// stdout, one line each: `P <ping pid>` once, then `R <epoch ms, µs precision> <seq> <rtt ms>` per
// reply. It stops its ping (by PID) and exits on SIGTERM/SIGINT or when its stdin closes (the
// benchmark's process went away), so it never outlives the benchmark.

import { spawn } from 'node:child_process';

const [ip, intervalArg] = process.argv.slice(2);
const intervalMs = Number(intervalArg);
if (!ip || !/^[0-9.]+$/.test(ip) || !(intervalMs > 0)) {
  process.stderr.write('usage: icmp-prober.mjs <ipv4> <intervalMs>\n');
  process.exit(2);
}

const now = () => performance.timeOrigin + performance.now();
const ping = spawn('busybox', ['ping', '-i', String(intervalMs / 1000), ip], { stdio: ['ignore', 'pipe', 'pipe'] });
process.stdout.write(`P ${ping.pid}\n`);

let pending = '';
ping.stdout.on('data', (chunk) => {
  const at = now();
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  let out = '';
  for (const line of lines) {
    // 64 bytes from 10.77.0.21: seq=12 ttl=64 time=0.532 ms   (DUP! replies are ignored)
    const m = /seq=(\d+) .*time=([\d.]+) ms$/.exec(line);
    if (m) out += `R ${at.toFixed(3)} ${m[1]} ${m[2]}\n`;
  }
  if (out) process.stdout.write(out);
});
ping.stderr.on('data', (chunk) => process.stderr.write(`[icmp-prober] ${chunk}`));

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  if (ping.exitCode === null && ping.signalCode === null) ping.kill('SIGINT');
}
ping.on('exit', (code, signal) => {
  if (!stopping) process.stderr.write(`[icmp-prober] busybox ping ended on its own (${signal ?? code})\n`);
  process.exit(stopping ? 0 : 1);
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
