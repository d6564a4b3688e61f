// The guest's word through the QEMU guest agent (qemu-ga, shipped by every cloud image): its clock
// through libvirt's typed virDomainGetTime, and, only where the host's config allows it, the
// kernel's boot id read with the agent's guest-file-* commands. Those go through libvirt-qemu's
// raw agent command, which taints the domain (`custom-ga-command`), hence off by default.

import { setTimeout as sleep } from 'node:timers/promises';
import { domainGetTime, domainQemuAgentCommand, isLibvirtError, type DomainRef, type LibvirtClient } from '../rpc';

export interface AgentAnswer {
  /** The guest's wall clock, ms since the epoch. */
  clockMs: number;
  /** /proc/sys/kernel/random/boot_id (lowercase hex, no dashes); null unless asked for and readable. */
  bootId: string | null;
}

export interface AgentAskOptions {
  readBootId: boolean;
  /** How long an agent that is not connected (yet) is waited for: it takes a moment after a start or a migration. */
  settleMs?: number;
  pauseMs?: number;
}

/**
 * What the guest agent says, or null when none answers within `settleMs` (no channel, the agent
 * not running, the guest not running). Connection failures are thrown: they say nothing about the guest.
 */
export async function askGuestAgent(client: LibvirtClient, dom: DomainRef, options: AgentAskOptions): Promise<AgentAnswer | null> {
  const deadline = Date.now() + (options.settleMs ?? 5_000);
  for (;;) {
    try {
      const clockMs = await domainGetTime(client, dom, 15_000);
      const bootId = options.readBootId ? await readBootId(client, dom) : null;
      return { clockMs, bootId };
    } catch (error) {
      // 86: "QEMU guest agent is not connected" (or it stopped answering): worth waiting for.
      if (isLibvirtError(error, 'AGENT_UNRESPONSIVE') && Date.now() < deadline) {
        await sleep(options.pauseMs ?? 500);
        continue;
      }
      // Any other libvirt refusal (no channel, not running, not supported) means no agent's word.
      if (isLibvirtError(error)) return null;
      throw error;
    }
  }
}

const BOOT_ID_PATH = '/proc/sys/kernel/random/boot_id';

/** The boot id through guest-file-open/read/close; null when the agent refuses (e.g. `qemu-ga -b guest-file-open`). */
async function readBootId(client: LibvirtClient, dom: DomainRef): Promise<string | null> {
  const ask = async (execute: string, args: object): Promise<unknown> => {
    const reply = await domainQemuAgentCommand(client, dom, { execute, arguments: args }, 5);
    return reply === null ? null : (JSON.parse(reply) as { return?: unknown }).return;
  };
  try {
    const handle = await ask('guest-file-open', { path: BOOT_ID_PATH, mode: 'r' });
    if (typeof handle !== 'number') return null;
    try {
      const read = (await ask('guest-file-read', { handle, count: 64 })) as { 'buf-b64'?: unknown } | null;
      const text = typeof read?.['buf-b64'] === 'string' ? Buffer.from(read['buf-b64'], 'base64').toString('utf8') : '';
      return parseBootId(text);
    } finally {
      await ask('guest-file-close', { handle }).catch(() => undefined);
    }
  } catch (error) {
    if (isLibvirtError(error) || error instanceof SyntaxError) return null;
    throw error;
  }
}

/** `28a6518a-…\n` → `28a6518a…` (the probe's form); null unless it is a UUID. */
export function parseBootId(text: string): string | null {
  const id = text.trim().toLowerCase();
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id) ? id.replace(/-/g, '') : null;
}
