import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineTokenOf, usableCustomModels, withBaselineCpu } from '../../../src/main/drivers/libvirt/xml/cpu-rewrite';
import { parseDomain } from '../../../src/main/drivers/libvirt/xml/domain';
import { enabledFeatures } from '../../../src/main/drivers/libvirt/xml/cpu';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const baseline = { model: 'qemu64', vendor: null, features: ['apic', 'sse2', 'syscall'], disabledFeatures: ['svm'] };

describe('writing a baseline CPU into a definition', () => {
  it("replaces only the <cpu> element, adds Ferry's marker beside the probe's, and keeps the rest byte for byte", () => {
    const xml = fixture('domain-lab-vm2-inactive.xml');
    const next = withBaselineCpu(xml, baseline, 'tok-1');
    const def = parseDomain(next);
    expect(def.cpu).toMatchObject({ mode: 'custom', model: 'qemu64' });
    expect(enabledFeatures(def.cpu!)).toEqual(['apic', 'sse2', 'syscall']);
    expect(def.cpu!.features).toContainEqual({ name: 'svm', policy: 'disable' });
    expect(def.probe).toEqual(parseDomain(xml).probe);
    expect(baselineTokenOf(next)).toBe('tok-1');
    expect(baselineTokenOf(xml)).toBeNull();
    const strip = (s: string) => s.replace(/<cpu[\s\S]*?<\/cpu>/, '').replace(/\s*<ferrycpu:cpu-baseline[^>]*\/>/, '');
    expect(strip(next)).toBe(strip(xml));
  });

  it('replaces an earlier marker rather than adding a second, and keeps the guest topology', () => {
    const xml = fixture('domain-lab-vm2-inactive.xml').replace(
      /<cpu[\s\S]*?<\/cpu>/,
      "<cpu mode='host-model'>\n    <topology sockets='1' dies='1' cores='2' threads='1'/>\n  </cpu>",
    );
    const twice = withBaselineCpu(withBaselineCpu(xml, baseline, 'first'), { ...baseline, model: 'qemu32' }, 'second');
    expect(twice.match(/<ferrycpu:cpu-baseline/g)).toHaveLength(1);
    expect(baselineTokenOf(twice)).toBe('second');
    expect(twice).toContain("<topology sockets='1' dies='1' cores='2' threads='1'/>");
    expect(parseDomain(twice).cpu).toMatchObject({ mode: 'custom', model: 'qemu32' });
  });

  it('adds a <cpu> and a <metadata> to a definition that has neither', () => {
    const bare =
      "<domain type='qemu'>\n  <name>bare</name>\n  <uuid>c7a5fdbd-cdaf-9455-926a-d65c16db1809</uuid>\n  <memory unit='KiB'>65536</memory>\n</domain>\n";
    const next = withBaselineCpu(bare, baseline, 'tok');
    expect(parseDomain(next).cpu?.model).toBe('qemu64');
    expect(baselineTokenOf(next)).toBe('tok');
  });

  it('escapes what it writes: a model name cannot break out of the element', () => {
    const next = withBaselineCpu(fixture('domain-lab-vm2-inactive.xml'), { ...baseline, model: "x'/><evil/>" }, 't');
    expect(next).not.toContain('<evil/>');
    expect(parseDomain(next).cpu?.model).toBe("x'/><evil/>");
  });

  it("lists the models the host's hypervisor marks usable for custom CPUs", () => {
    const models = usableCustomModels(fixture('domain-capabilities-qemu.xml'));
    expect(models.slice(0, 3)).toEqual(['qemu64', 'qemu32', 'pentium3']);
    expect(models).not.toContain('phenom');
    expect(models).toHaveLength(18);
  });
});
