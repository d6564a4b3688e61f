// Writing a cluster's baseline CPU into a domain's definition: the <cpu> element replaced by a
// custom model with its features (the guest's topology, cache, NUMA cells kept), and a marker in
// <metadata> so the live and next-boot definitions tell whether the change still waits for a power cycle.

import { attrOf, childNamed, childrenNamed, escapeXml, parseXml } from './xml-tree';
import { extractCpuXml } from './cpu';

export const CPU_BASELINE_NAMESPACE = 'https://ferry.invalid/xmlns/cpu-baseline/1';

export interface BaselineCpuXml {
  model: string;
  vendor: string | null;
  features: readonly string[];
  disabledFeatures: readonly string[];
}

/** What the <cpu> element a guest would boot with says, for a custom model. */
export function baselineCpuElement(cpu: BaselineCpuXml, kept: readonly string[] = []): string {
  const lines = [`<cpu mode='custom' match='exact'>`, `  <model fallback='forbid'>${escapeXml(cpu.model)}</model>`];
  if (cpu.vendor) lines.push(`  <vendor>${escapeXml(cpu.vendor)}</vendor>`);
  lines.push(...kept.filter((k) => !k.startsWith('<numa')).map((k) => `  ${k}`));
  for (const f of cpu.features) lines.push(`  <feature policy='require' name='${escapeXml(f)}'/>`);
  for (const f of cpu.disabledFeatures) lines.push(`  <feature policy='disable' name='${escapeXml(f)}'/>`);
  lines.push(...kept.filter((k) => k.startsWith('<numa')).map((k) => `  ${k}`));
  lines.push('</cpu>');
  return lines.join('\n');
}

/** Children of the old <cpu> that describe the guest's shape, not its CPU model: kept as they were. */
function shapeOf(cpuXml: string | null): string[] {
  if (!cpuXml) return [];
  const kept: string[] = [];
  for (const re of [/<topology\b[^>]*\/>/, /<cache\b[^>]*\/>/, /<maxphysaddr\b[^>]*\/>/, /<numa\b[^>]*>[\s\S]*?<\/numa>|<numa\b[^>]*\/>/]) {
    const match = re.exec(cpuXml);
    // libvirt accepts mode='passthrough' cache and maxphysaddr only with host-passthrough CPUs.
    if (match && !/mode=['"]passthrough['"]/.test(match[0])) kept.push(match[0]);
  }
  return kept;
}

const markerPattern = /<([\w.-]+:)?cpu-baseline\b[^>]*\/>/g;

/**
 * The domain's definition with `cpu` as its CPU and a marker naming the change (`token`), the rest
 * untouched. The input is the persistent definition (VIR_DOMAIN_XML_INACTIVE | SECURE).
 */
export function withBaselineCpu(domainXml: string, cpu: BaselineCpuXml, token: string): string {
  const oldCpu = extractCpuXml(domainXml, 'domain');
  const element = baselineCpuElement(cpu, shapeOf(oldCpu));
  let xml = oldCpu ? domainXml.replace(oldCpu, element) : domainXml.replace(/<\/domain>\s*$/, `${element}\n</domain>\n`);
  const marker = `<ferrycpu:cpu-baseline xmlns:ferrycpu='${CPU_BASELINE_NAMESPACE}' model='${escapeXml(cpu.model)}' token='${escapeXml(token)}'/>`;
  xml = xml.replace(markerPattern, (m) => (m.includes(CPU_BASELINE_NAMESPACE) ? '' : m));
  if (/<metadata\s*\/>/.test(xml)) return xml.replace(/<metadata\s*\/>/, `<metadata>\n    ${marker}\n  </metadata>`);
  if (/<metadata\b[^>]*>/.test(xml)) return xml.replace(/<metadata\b[^>]*>/, (open) => `${open}\n    ${marker}`);
  return xml.replace(/<\/uuid>/, `</uuid>\n  <metadata>\n    ${marker}\n  </metadata>`);
}

/** The token of Ferry's baseline marker in a definition, found by its namespace; null without one. */
export function baselineTokenOf(domainXml: string): string | null {
  const metadata = childNamed(parseXml(domainXml), 'metadata');
  for (const el of metadata?.children ?? []) {
    const [prefix, local] = el.name.includes(':') ? el.name.split(':', 2) : ['', el.name];
    if (local !== 'cpu-baseline' || attrOf(el, prefix ? `xmlns:${prefix}` : 'xmlns') !== CPU_BASELINE_NAMESPACE) continue;
    return attrOf(el, 'token') ?? null;
  }
  return null;
}

/** CPU models this host's hypervisor can run for guests (domain capabilities, mode custom, usable). */
export function usableCustomModels(domcapsXml: string): string[] {
  const modes = childrenNamed(childNamed(parseXml(domcapsXml), 'cpu'), 'mode');
  const custom = modes.find((m) => attrOf(m, 'name') === 'custom');
  if (!custom || attrOf(custom, 'supported') !== 'yes') return [];
  return childrenNamed(custom, 'model')
    .filter((m) => attrOf(m, 'usable') === 'yes' && m.text !== '')
    .map((m) => m.text);
}
