// The <cpu> element, as it appears in capabilities, domain capabilities, domain XML and the
// results of CPU baseline: model, vendor, mode and features with their policy.

import { attrOf, childNamed, childrenNamed, descend, escapeXml, intOf, parseXml, type XmlElement } from './xml-tree';

interface CpuFeature {
  name: string;
  /** require, force, optional, disable, forbid (guests); absent for host CPUs (present). */
  policy: string | null;
}

export interface CpuDefinition {
  /** custom, host-model, host-passthrough, maximum; null for a host CPU. */
  mode: string | null;
  model: string | null;
  vendor: string | null;
  features: CpuFeature[];
}

export function cpuFromElement(cpu: XmlElement): CpuDefinition {
  const model = childNamed(cpu, 'model')?.text;
  const vendor = childNamed(cpu, 'vendor')?.text;
  return {
    mode: attrOf(cpu, 'mode') ?? null,
    model: model ? model : null,
    vendor: vendor ? vendor : null,
    features: childrenNamed(cpu, 'feature')
      .map((f) => ({ name: attrOf(f, 'name') ?? '', policy: attrOf(f, 'policy') ?? null }))
      .filter((f) => f.name !== ''),
  };
}

export function parseCpu(xml: string): CpuDefinition {
  return cpuFromElement(parseXml(xml));
}

/** Features a CPU definition makes available: host features, and required or forced guest ones. */
export function enabledFeatures(cpu: CpuDefinition): string[] {
  const on = cpu.features.filter((f) => f.policy === null || f.policy === 'require' || f.policy === 'force').map((f) => f.name);
  return [...new Set(on)].sort();
}

/** A custom CPU definition as XML, for libvirt's compare and baseline calls. */
export function cpuToXml(cpu: CpuDefinition): string {
  const lines = [`<cpu mode='custom' match='exact'>`];
  if (cpu.model) lines.push(`  <model fallback='forbid'>${escapeXml(cpu.model)}</model>`);
  if (cpu.vendor) lines.push(`  <vendor>${escapeXml(cpu.vendor)}</vendor>`);
  for (const f of cpu.features) lines.push(`  <feature policy='${escapeXml(f.policy ?? 'require')}' name='${escapeXml(f.name)}'/>`);
  lines.push('</cpu>');
  return lines.join('\n');
}

/** The first `<cpu …>…</cpu>` (or `<cpu …/>`) inside an element named `within`, verbatim. */
export function extractCpuXml(xml: string, within: string): string | null {
  const start = xml.search(new RegExp(`<${within}[\\s>]`));
  if (start === -1) return null;
  const rest = xml.slice(start);
  const match = /<cpu(?:\s[^>]*)?\/>|<cpu(?:\s[^>]*)?>[\s\S]*?<\/cpu>/.exec(rest);
  return match ? match[0] : null;
}

export interface CpuSignature {
  family: number;
  model: number;
}

export function signatureOf(cpu: XmlElement): CpuSignature {
  const signature = descend(cpu, 'signature');
  return { family: intOf(attrOf(signature, 'family')) ?? 0, model: intOf(attrOf(signature, 'model')) ?? 0 };
}
