// libvirt's CPU knowledge as a fake host plays it: domain capabilities per virt type (a KVM host
// model that is an Intel CPU, and TCG's emulated EPYC), model expansion (BASELINE with
// EXPAND_FEATURES) and the hypervisor's own comparison, each for the virt type it is asked about.
// Every call records the target it was asked for, so tests can tell which CPU judged the guest.

import {
  libvirtErrorNumber,
  readNonNullString,
  readOptionalString,
  RemoteProcedure as P,
  writeNonNullString,
  type XdrReader,
} from '../../../src/main/drivers/libvirt/rpc';
import type { FakeLibvirtd } from './rpc/fake-libvirtd';

/** What each model name means, as QEMU's CPU model table would (trimmed to what tests use). */
export const MODEL_FEATURES: Record<string, string[]> = {
  qemu64: ['cx16', 'fpu', 'lahf_lm', 'lm', 'pni', 'sse', 'sse2', 'svm'],
  'Skylake-Client-IBRS': ['avx2', 'cx16', 'fpu', 'lahf_lm', 'lm', 'pni', 'sse', 'sse2', 'vmx'],
  EPYC: ['avx2', 'cx16', 'fpu', 'lahf_lm', 'lm', 'pni', 'sse', 'sse2', 'svm'],
};

interface HostModel {
  model: string;
  vendor: string;
  /** Features beyond the model, as domain capabilities list them. */
  extra: string[];
}

export interface CpuTarget {
  procedure: 'domcaps' | 'baseline' | 'compare';
  emulator: string | null;
  arch: string | null;
  machine: string | null;
  virttype: string | null;
}

export interface FakeCpuState {
  /** Host-model CPU per virt type; a virt type missing here is "not supported by the emulator". */
  hostModels: Record<string, HostModel>;
  /** Make every BASELINE call fail, as an old daemon or an unknown model does. */
  failExpansion: boolean;
  /** Answer COMPARE_HYPERVISOR_CPU as a daemon older than libvirt 4.4 does: not supported. */
  compareUnsupported: boolean;
  readonly cpuCalls: CpuTarget[];
}

/** A KVM host on an Intel CPU whose QEMU also offers TCG (which emulates an AMD EPYC). */
export const intelKvmHost = (): FakeCpuState['hostModels'] => ({
  kvm: { model: 'Skylake-Client-IBRS', vendor: 'Intel', extra: ['hypervisor', 'ss'] },
  qemu: { model: 'EPYC', vendor: 'AMD', extra: ['hypervisor', 'x2apic'] },
});

const readTarget = (r: XdrReader, procedure: CpuTarget['procedure']): CpuTarget => ({
  procedure,
  emulator: readOptionalString(r),
  arch: readOptionalString(r),
  machine: readOptionalString(r),
  virttype: readOptionalString(r),
});

const modelOf = (xml: string): string | null => /<model[^>]*>([^<]+)<\/model>/.exec(xml)?.[1] ?? null;
const requiredIn = (xml: string): string[] =>
  [...xml.matchAll(/<feature\s+policy='(?:require|force)'\s+name='([^']+)'/g)].map((m) => m[1] as string);

/** Every feature a CPU XML enables: its model's and the required ones. */
export const expandedFeatures = (xml: string): string[] => {
  const model = modelOf(xml);
  return [...new Set([...(model ? (MODEL_FEATURES[model] ?? []) : []), ...requiredIn(xml)])].sort();
};

const cpuXml = (model: string, vendor: string | null, features: string[]) =>
  `<cpu mode='custom' match='exact'><model fallback='forbid'>${model}</model>${vendor ? `<vendor>${vendor}</vendor>` : ''}${features
    .map((f) => `<feature policy='require' name='${f}'/>`)
    .join('')}</cpu>`;

export function installCpuHandlers(server: FakeLibvirtd, host: FakeCpuState): void {
  const hostModelFor = (target: CpuTarget) => host.hostModels[target.virttype ?? 'kvm'];
  server.on(P.CONNECT_GET_DOMAIN_CAPABILITIES, (c) => {
    const target = readTarget(c.args, 'domcaps');
    host.cpuCalls.push(target);
    const model = hostModelFor(target);
    if (!model) return c.fail(libvirtErrorNumber('INVALID_ARG'), `invalid argument: the accel '${target.virttype}' is not supported`);
    const xml = `<domainCapabilities><cpu><mode name='host-passthrough' supported='yes'/><mode name='host-model' supported='yes'>${cpuXml(
      model.model,
      model.vendor,
      model.extra,
    )
      .replace(/^<cpu[^>]*>/, '')
      .replace(/<\/cpu>$/, '')}</mode></cpu></domainCapabilities>`;
    c.reply((w) => writeNonNullString(w, xml));
  });
  server.on(P.CONNECT_BASELINE_HYPERVISOR_CPU, (c) => {
    const target = readTarget(c.args, 'baseline');
    const xmls = c.args.array(readNonNullString);
    host.cpuCalls.push(target);
    if (host.failExpansion) return c.fail(libvirtErrorNumber('OPERATION_FAILED'), 'operation failed: cannot expand CPU model');
    const first = xmls[0] ?? '';
    const common = xmls.map(expandedFeatures).reduce((a, b) => a.filter((f) => b.includes(f)));
    c.reply((w) => writeNonNullString(w, cpuXml(modelOf(first) ?? 'qemu64', null, common)));
  });
  server.on(P.CONNECT_COMPARE_HYPERVISOR_CPU, (c) => {
    const target = readTarget(c.args, 'compare');
    const xml = readNonNullString(c.args);
    const flags = c.args.uint();
    host.cpuCalls.push(target);
    if (host.compareUnsupported) return c.fail(libvirtErrorNumber('NO_SUPPORT'), 'this function is not supported by the connection driver');
    const model = hostModelFor(target);
    if (!model) return c.fail(libvirtErrorNumber('INVALID_ARG'), `invalid argument: the accel '${target.virttype}' is not supported`);
    const offered = new Set([...(MODEL_FEATURES[model.model] ?? []), ...model.extra]);
    const missing = expandedFeatures(xml).filter((f) => !offered.has(f));
    if (missing.length === 0) return c.reply((w) => w.int(2)); // SUPERSET
    if (flags & 1)
      return c.fail(
        libvirtErrorNumber('CPU_INCOMPATIBLE'),
        `the CPU is incompatible with host CPU: Host CPU does not provide required features: ${missing.join(', ')}`,
      );
    c.reply((w) => w.int(0));
  });
}
