import type { HostCpu } from '../../../shared/model/inventory';

const common = [
  'sse4_2',
  'popcnt',
  'avx',
  'avx2',
  'aes',
  'pclmulqdq',
  'fma',
  'bmi1',
  'bmi2',
  'x2apic',
  'rdrand',
  'rdseed',
  'adx',
  'smap',
  'smep',
  'xsave',
  'xsavec',
  'clflushopt',
  'clwb',
  'pku',
];
const cascadeLake = [
  ...common,
  'avx512f',
  'avx512bw',
  'avx512cd',
  'avx512dq',
  'avx512vl',
  'avx512_vnni',
  'md-clear',
  'spec-ctrl',
  'ssbd',
  'vmx',
];
const sapphireRapids = [
  ...cascadeLake,
  'avx512_bf16',
  'avx512_fp16',
  'amx-tile',
  'amx-bf16',
  'amx-int8',
  'avx512_vbmi2',
  'gfni',
  'vaes',
  'vpclmulqdq',
  'serialize',
  'movdiri',
];
const milan = [...common, 'sha-ni', 'vaes', 'vpclmulqdq', 'svm', 'npt', 'ibpb', 'virt-ssbd', 'amd-ssbd', 'clzero', 'xsaveerptr', 'rdpid'];

/** CPU generations the simulated hosts are built from, with the QEMU model a baseline guest would use. */
export const cpuGenerations = {
  cascadeLake: {
    cpu: { vendor: 'intel', family: 6, model: 85, modelName: 'Intel Xeon Gold 6248 (Cascade Lake)', features: cascadeLake },
    qemuModel: 'Cascadelake-Server',
  },
  sapphireRapids: {
    cpu: { vendor: 'intel', family: 6, model: 143, modelName: 'Intel Xeon Gold 6448Y (Sapphire Rapids)', features: sapphireRapids },
    qemuModel: 'SapphireRapids',
  },
  milan: { cpu: { vendor: 'amd', family: 25, model: 1, modelName: 'AMD EPYC 7543 (Milan)', features: milan }, qemuModel: 'EPYC-Milan' },
} satisfies Record<string, { cpu: Omit<HostCpu, 'cores'>; qemuModel: string }>;

export type CpuGeneration = keyof typeof cpuGenerations;

/** The features every CPU in the list has: what a guest may use and still move anywhere among them. */
export function featureBaseline(featureLists: readonly (readonly string[])[]): string[] {
  const [first, ...rest] = featureLists;
  if (!first) return [];
  return first.filter((f) => rest.every((list) => list.includes(f)));
}

const haswell = ['sse4_2', 'popcnt', 'avx', 'avx2', 'aes', 'pclmulqdq', 'fma', 'bmi1', 'bmi2', 'x2apic', 'rdrand', 'xsave'];
const skylakeServer = [...common, 'avx512f', 'avx512bw', 'avx512cd', 'avx512dq', 'avx512vl'];
const epyc = [...common.filter((f) => f !== 'clwb' && f !== 'pku'), 'sha-ni', 'svm', 'npt'];

/**
 * The CPU models the simulated hypervisor knows, oldest first, with the features each enables (in
 * the sim's vocabulary, which tracks only features newer than x86-64's own: qemu64 enables none of
 * them). vendor null: any vendor runs it.
 */
export const simCpuModels: readonly { name: string; vendor: HostCpu['vendor'] | null; features: readonly string[] }[] = [
  { name: 'qemu64', vendor: null, features: [] },
  { name: 'Haswell', vendor: 'intel', features: haswell },
  { name: 'Skylake-Server', vendor: 'intel', features: skylakeServer },
  { name: 'Cascadelake-Server', vendor: 'intel', features: cascadeLake },
  { name: 'SapphireRapids', vendor: 'intel', features: sapphireRapids },
  { name: 'EPYC', vendor: 'amd', features: epyc },
  { name: 'EPYC-Milan', vendor: 'amd', features: milan },
];
