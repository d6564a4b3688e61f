// The QEMU guest agent through libvirt. Structs (remote_protocol.x, qemu_protocol.x):
//   remote_domain_get_time_args { remote_nonnull_domain dom; unsigned int flags; }
//   remote_domain_get_time_ret { hyper seconds; unsigned int nseconds; }
//   qemu_domain_agent_command_args { remote_nonnull_domain dom; remote_nonnull_string cmd; int timeout; unsigned int flags; }
//   qemu_domain_agent_command_ret { remote_string result; }
// GetTime is a typed call of the remote program; the agent command belongs to libvirt-qemu's
// program and makes libvirt taint the domain (`custom-ga-command`), so callers use it sparingly.

import type { LibvirtClient } from '../client';
import { QEMU_PROGRAM, QEMU_PROTOCOL_VERSION, QemuProcedure, RemoteProcedure } from '../procedure-numbers';
import { readOptionalString, writeDomainRef, writeNonNullString, type DomainRef } from '../structs';
import { toSafeNumber } from '../xdr';

/** virDomainGetTime: the guest's wall clock as its agent (`guest-get-time`) reads it, in ms since the epoch. */
export function domainGetTime(c: LibvirtClient, dom: DomainRef, timeoutMs?: number): Promise<number> {
  return c.call(
    RemoteProcedure.DOMAIN_GET_TIME,
    (w) => {
      writeDomainRef(w, dom);
      w.uint(0);
    },
    (r) => {
      const seconds = toSafeNumber(r.hyper());
      const nanoseconds = r.uint();
      return seconds * 1000 + Math.floor(nanoseconds / 1e6);
    },
    timeoutMs === undefined ? {} : { timeoutMs },
  );
}

/** virDomainQemuAgentCommand: one raw agent command (JSON); the agent's JSON reply, or null. */
export function domainQemuAgentCommand(c: LibvirtClient, dom: DomainRef, command: object, timeoutSeconds: number): Promise<string | null> {
  return c.call(
    QemuProcedure.DOMAIN_AGENT_COMMAND,
    (w) => {
      writeDomainRef(w, dom);
      writeNonNullString(w, JSON.stringify(command));
      w.int(timeoutSeconds);
      w.uint(0);
    },
    readOptionalString,
    { program: { id: QEMU_PROGRAM, version: QEMU_PROTOCOL_VERSION }, timeoutMs: (timeoutSeconds + 5) * 1000 },
  );
}
