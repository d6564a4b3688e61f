// A libvirt host played by the RPC tests' fake daemon: enough of the protocol for the driver's
// connection handling (capabilities, hostname, node info, event registration), for placing and
// removing domains, and (fake-jobs.ts) for pools, volumes, migrations and block copies. Every
// connection it accepts is a new fake daemon, so it can be "restarted".

import type { Duplex } from 'node:stream';
import { DriverFeature } from '../../../src/main/drivers/libvirt/rpc';
import {
  LibvirtClient,
  libvirtErrorNumber,
  readDomainRef,
  readUuid,
  RemoteProcedure as P,
  writeDomainRef,
  writeNonNullString,
  type DomainRef,
} from '../../../src/main/drivers/libvirt/rpc';
import { duplexPair, FakeLibvirtd } from './rpc/fake-libvirtd';
import { fixture } from './fixtures';
import {
  domainXml,
  installJobHandlers,
  type FakeBlockJob,
  type FakeDisk,
  type FakeJob,
  type FakeJobState,
  type FakePool,
  type PendingMigration,
} from './fake-jobs';
import { installCpuHandlers, intelKvmHost, type CpuTarget, type FakeCpuState } from './fake-cpu';
import { installDirtyRateHandlers, type FakeDirtyRateState } from './fake-dirty-rate';

/** virDomainState numbers. */
export const State = { RUNNING: 1, PAUSED: 3, SHUTOFF: 5 } as const;
/** virDomainRunningReason and virDomainPausedReason numbers that migrations produce. */
export const Reason = {
  RUNNING_BOOTED: 1,
  RUNNING_MIGRATED: 2,
  RUNNING_MIGRATION_CANCELED: 6,
  RUNNING_POSTCOPY: 10,
  RUNNING_POSTCOPY_FAILED: 11,
  PAUSED_USER: 1,
  PAUSED_MIGRATION: 2,
  PAUSED_POSTCOPY: 12,
  PAUSED_POSTCOPY_FAILED: 13,
} as const;

export interface FakeDomain {
  name: string;
  uuid: string;
  state: number;
  /** The state's reason; default 1 (booted, or paused by a user). */
  reason?: number;
  persistent: boolean;
  /** Domain XML; default: built from the name, UUID and disks. */
  xml?: string;
  disks?: FakeDisk[];
  /** The active job's statistics (a migration under way), and the last completed job's. */
  job?: FakeJob;
  completedJob?: FakeJob;
  /** The guest agent's clock (GET_TIME); unset: its channel (if the XML has one) is not connected. */
  agentClockMs?: number;
}

export class FakeHost implements FakeJobState, FakeCpuState, FakeDirtyRateState {
  readonly servers: FakeLibvirtd[] = [];
  readonly domains = new Map<string, FakeDomain>();
  readonly pools: FakePool[] = [];
  readonly blockJobs = new Map<string, Map<string, FakeBlockJob>>();
  readonly migrations: PendingMigration[] = [];
  readonly log: string[] = [];
  hostModels = intelKvmHost();
  failExpansion = false;
  compareUnsupported = false;
  readonly cpuCalls: CpuTarget[] = [];
  readonly dirtyRateMiBps = new Map<string, number>();
  readonly dirtyRateCalcs: { uuid: string; seconds: number; flags: number }[] = [];
  readsWhileMeasuring = 0;
  stallStarts = false;
  libVersion = 9_000_000;
  readonly destroyed: string[] = [];
  readonly undefined: string[] = [];
  registrations = 0;
  /** Connection attempts to refuse before accepting again (a daemon that is down). */
  refuse = 0;
  private nextCallbackId = 1;
  lifecycleCallbackId = -1;

  constructor(
    readonly uuid: string,
    readonly hostname: string,
  ) {}

  readonly open = async (): Promise<LibvirtClient> => {
    if (this.refuse > 0) {
      this.refuse -= 1;
      throw new Error('connect ECONNREFUSED');
    }
    const [clientSide, serverSide] = duplexPair();
    const server = new FakeLibvirtd(serverSide);
    this.install(server);
    this.servers.push(server);
    return new LibvirtClient(clientSide, { keepalive: false });
  };

  /** Serves one connection on a real stream (a unix socket the SSH integration test bridges to). */
  serve(stream: Duplex): void {
    const server = new FakeLibvirtd(stream);
    this.install(server);
    this.servers.push(server);
  }

  addDomain(domain: FakeDomain): void {
    this.domains.set(domain.uuid, domain);
  }

  /** Ends every open connection, as a killed libvirtd does. */
  dropConnections(): void {
    for (const server of this.servers.splice(0)) server.close();
  }

  private ref(domain: FakeDomain): DomainRef {
    return { name: domain.name, uuid: domain.uuid, id: domain.state === State.SHUTOFF ? -1 : 7 };
  }

  readonly resumed: string[] = [];

  private install(server: FakeLibvirtd): void {
    const caps = fixture('capabilities-h1.xml').replace(/<uuid>[^<]*<\/uuid>/, `<uuid>${this.uuid}</uuid>`);
    server.on(P.CONNECT_GET_CAPABILITIES, (c) => c.reply((w) => writeNonNullString(w, caps)));
    server.on(P.CONNECT_GET_HOSTNAME, (c) => c.reply((w) => writeNonNullString(w, this.hostname)));
    server.on(P.CONNECT_SUPPORTS_FEATURE, (c) => c.reply((w) => w.int(c.args.int() === DriverFeature.PROGRAM_KEEPALIVE ? 1 : 0)));
    server.on(P.NODE_GET_INFO, (c) =>
      c.reply((w) => {
        const model = [...Buffer.from('x86_64')];
        w.fixedArray([...model, ...Array<number>(32 - model.length).fill(0)], 32, (x, ch) => x.int(ch));
        w.uhyper(8 * 1024 * 1024)
          .int(2)
          .int(2400)
          .int(1)
          .int(1)
          .int(2)
          .int(1);
      }),
    );
    server.on(P.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (c) => {
      const eventId = c.args.int();
      this.registrations += 1;
      const id = this.nextCallbackId++;
      if (eventId === 0) this.lifecycleCallbackId = id;
      c.reply((w) => w.int(id));
    });
    server.on(P.DOMAIN_LOOKUP_BY_UUID, (c) => {
      const domain = this.domains.get(readUuid(c.args));
      if (!domain) return c.fail(libvirtErrorNumber('NO_DOMAIN'), 'Domain not found');
      c.reply((w) => writeDomainRef(w, this.ref(domain)));
    });
    server.on(P.DOMAIN_GET_STATE, (c) => {
      const domain = this.domains.get(readDomainRef(c.args).uuid);
      if (!domain) return c.fail(libvirtErrorNumber('NO_DOMAIN'), 'Domain not found');
      c.reply((w) => w.int(domain.state).int(domain.reason ?? 1));
    });
    server.on(P.DOMAIN_DESTROY, (c) => {
      const domain = this.domains.get(readDomainRef(c.args).uuid);
      if (!domain) return c.fail(libvirtErrorNumber('NO_DOMAIN'), 'Domain not found');
      this.destroyed.push(domain.uuid);
      if (domain.persistent) domain.state = State.SHUTOFF;
      else this.domains.delete(domain.uuid);
      c.reply();
    });
    server.on(P.DOMAIN_GET_XML_DESC, (c) => {
      const domain = this.domains.get(readDomainRef(c.args).uuid);
      if (!domain) return c.fail(libvirtErrorNumber('NO_DOMAIN'), 'Domain not found');
      c.reply((w) => writeNonNullString(w, domain.xml ?? domainXml(domain)));
    });
    server.on(P.DOMAIN_GET_TIME, (c) => {
      const domain = this.domains.get(readDomainRef(c.args).uuid);
      if (!domain) return c.fail(libvirtErrorNumber('NO_DOMAIN'), 'Domain not found');
      if (!(domain.xml ?? '').includes('org.qemu.guest_agent.0'))
        return c.fail(libvirtErrorNumber('ARGUMENT_UNSUPPORTED'), 'QEMU guest agent is not configured');
      if (domain.agentClockMs === undefined)
        return c.fail(libvirtErrorNumber('AGENT_UNRESPONSIVE'), 'Guest agent is not responding: QEMU guest agent is not connected');
      const ms = domain.agentClockMs;
      c.reply((w) => w.hyper(BigInt(Math.floor(ms / 1000))).uint((ms % 1000) * 1e6));
    });
    server.on(P.DOMAIN_RESUME, (c) => {
      const domain = this.domains.get(readDomainRef(c.args).uuid);
      if (!domain) return c.fail(libvirtErrorNumber('NO_DOMAIN'), 'Domain not found');
      this.resumed.push(domain.uuid);
      domain.state = State.RUNNING;
      c.reply();
    });
    server.on(P.CONNECT_LIST_ALL_DOMAINS, (c) =>
      c.reply((w) => {
        w.array(
          [...this.domains.values()].map((d) => this.ref(d)),
          writeDomainRef,
        );
        w.uint(this.domains.size);
      }),
    );
    for (const procedure of [P.CONNECT_LIST_ALL_NETWORKS, P.CONNECT_LIST_ALL_INTERFACES]) {
      server.on(procedure, (c) => c.reply((w) => w.uint(0).uint(0)));
    }
    // Host load: no counters (metrics read as zero).
    for (const procedure of [P.NODE_GET_CPU_STATS, P.NODE_GET_MEMORY_STATS]) {
      server.on(procedure, (c) => c.reply((w) => w.uint(0).int(0)));
    }
    // Guests here have neither an agent nor an ARP entry: libvirt answers each source with an error.
    server.on(P.DOMAIN_INTERFACE_ADDRESSES, (c) => c.fail(86, 'argument unsupported: QEMU guest agent is not configured'));
    installJobHandlers(server, this);
    installCpuHandlers(server, this);
    installDirtyRateHandlers(server, this);
    server.on(P.DOMAIN_UNDEFINE_FLAGS, (c) => {
      const domain = this.domains.get(readDomainRef(c.args).uuid);
      if (!domain) return c.fail(libvirtErrorNumber('NO_DOMAIN'), 'Domain not found');
      this.undefined.push(domain.uuid);
      this.domains.delete(domain.uuid);
      c.reply();
    });
  }
}
