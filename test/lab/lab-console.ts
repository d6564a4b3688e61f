import { join } from 'node:path';
import { BridgeClient } from '../e2e/bridge-client';
import { ConsoleApp } from '../e2e/console-app';
import { idOf, sleep, type Lab } from './lab-env';
import { LatencyProxy } from './latency-proxy';

/** Ferry's console with the lab hosts added through relays; the relays stay with the test. */
export class LabConsole {
  readonly app = new ConsoleApp({ preset: 'tiny' });
  client: BridgeClient | null = null;

  private constructor(
    readonly lab: Lab,
    readonly proxies: Map<string, LatencyProxy>,
  ) {}

  static async open(lab: Lab, latencyMs: number): Promise<LabConsole> {
    const proxies = new Map<string, LatencyProxy>();
    for (const host of lab.hosts) {
      const proxy = await LatencyProxy.start(join(lab.labDir, `relay-${host.name}.sock`), host.socket);
      proxy.latencyMs = latencyMs;
      proxies.set(host.name, proxy);
    }
    const console = new LabConsole(lab, proxies);
    await console.start();
    for (const host of lab.hosts) {
      await console.bridge.invoke('hosts.add', {
        uri: (proxies.get(host.name) as LatencyProxy).uri,
        name: host.name,
        clusterName: 'Lab',
        migrationUri: host.tcpUri,
        virtType: 'qemu',
        sharedPools: ['shared'],
      });
    }
    await console.untilInventory();
    return console;
  }

  get bridge(): BridgeClient {
    if (!this.client) throw new Error('the console is not running');
    return this.client;
  }

  async start(): Promise<void> {
    this.client = await BridgeClient.connect(await this.app.start());
  }

  async kill(): Promise<void> {
    this.client?.close();
    this.client = null;
    await this.app.kill();
  }

  /** Until the console shows every lab host connected and every lab guest running. */
  async untilInventory(): Promise<void> {
    for (let i = 0; i < 200; i++) {
      const inventory = await this.bridge.invoke('inventory.snapshot', {});
      const hostsUp = this.lab.hosts.every((h) => inventory.hosts.some((host) => host.id === idOf(h) && host.connection === 'connected'));
      if (hostsUp && this.lab.guests.every((g) => inventory.vms.some((v) => v.id === g.uuid && v.power === 'running'))) return;
      await sleep(150);
    }
    throw new Error('the lab hosts and guests never all showed in the console');
  }

  async close(): Promise<void> {
    this.client?.close();
    await this.app.dispose();
    for (const proxy of this.proxies.values()) await proxy.close();
  }
}
