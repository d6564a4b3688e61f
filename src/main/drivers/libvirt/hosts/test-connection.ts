// "Add host" wizard support: connect once with a candidate config, report what the host is, and
// the SSH host key it showed and what vouched for it. A key that differs from the pinned or
// known_hosts one is refused; an unknown one too, with its fingerprint, for the admin to confirm
// (trust on first use) before anything is sent to that host.

import type { CpuVendor } from '../../../../shared/model/inventory';
import type { LibvirtHostConfig } from './config';
import { connectionError } from './host-connection';
import {
  connectGetCapabilities,
  connectGetHostname,
  connectListAllDomains,
  connectListAllNetworks,
  connectListAllStoragePools,
  LibvirtError,
  nodeGetInfo,
  type LibvirtClient,
} from '../rpc';
import { HostKeyCheck } from './ssh-host-key';
import { parseCapabilities } from '../xml/capabilities';
import { enabledFeatures } from '../xml/cpu';

export interface HostTestResult {
  hostname: string;
  hostUuid: string;
  cpu: { vendor: CpuVendor; family: number; model: number; modelName: string; arch: string; cores: number; features: string[] };
  memoryBytes: number;
  domains: number;
  pools: string[];
  networks: string[];
  /** The SSH host key fingerprint seen (pin it), or null for non-SSH transports. */
  hostKeySha256: string | null;
  /** What vouched for that key: the fingerprint given (pinned) or known_hosts; null without SSH. */
  hostKeyTrust: 'pinned' | 'known_hosts' | null;
}

export async function testHostConnection(
  config: LibvirtHostConfig,
  open: (config: LibvirtHostConfig, hostKey: HostKeyCheck) => Promise<LibvirtClient>,
): Promise<HostTestResult> {
  // Like ssh, it never logs in to a host whose key nothing vouches for: a password would go to
  // whoever answers. HOST_KEY_UNKNOWN carries the key, for the admin to confirm and test again.
  const hostKey = new HostKeyCheck(config.hostKeySha256);
  let client: LibvirtClient | null = null;
  try {
    client = await open(config, hostKey);
    const capabilities = parseCapabilities(await connectGetCapabilities(client));
    const [hostname, nodeInfo, domains, pools, networks] = await Promise.all([
      connectGetHostname(client),
      nodeGetInfo(client),
      connectListAllDomains(client),
      connectListAllStoragePools(client),
      connectListAllNetworks(client).catch((error: unknown) => {
        if (error instanceof LibvirtError && error.code === 'NO_SUPPORT') return [];
        throw error;
      }),
    ]);
    const vendor = (capabilities.cpu.vendor ?? '').toLowerCase();
    return {
      hostname,
      hostUuid: capabilities.uuid,
      cpu: {
        vendor: vendor === 'intel' || vendor === 'amd' ? vendor : 'unknown',
        family: capabilities.family,
        model: capabilities.model,
        modelName: capabilities.cpu.model ?? nodeInfo.model,
        arch: capabilities.arch,
        cores: nodeInfo.cpus,
        features: enabledFeatures(capabilities.cpu),
      },
      memoryBytes: nodeInfo.memoryKiB * 1024,
      domains: domains.length,
      pools: pools.map((p) => p.name).sort(),
      networks: networks.map((n) => n.name).sort(),
      hostKeySha256: hostKey.seen,
      hostKeyTrust: hostKey.trust,
    };
  } catch (error) {
    throw connectionError(error, hostKey, config);
  } finally {
    await client?.close();
  }
}
