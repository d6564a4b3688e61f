import { SimBuilder, type VmSpec } from './builder';
import type { SimState } from './state';

export const presetNames = ['demo', 'tiny', 'large'] as const;
export type PresetName = (typeof presetNames)[number];

/** The datacenter a first start shows: small enough to read, varied enough to hit every precheck. */
function demo(b: SimBuilder): void {
  const dc = b.datacenter();
  const intel = b.cluster(dc);
  // DC0_C0_H1's guest passes this GPU through; DC0_C0_H3 has one too, the other hosts none.
  const gpu = 'NVIDIA A100 (0000:3b:00.0)';
  const h = [
    b.host(intel, { cpu: 'cascadeLake', cores: 32, memoryGiB: 256, nicGbps: 10 }),
    b.host(intel, { cpu: 'cascadeLake', cores: 32, memoryGiB: 256, nicGbps: 10, passthrough: [gpu] }),
    b.host(intel, { cpu: 'sapphireRapids', cores: 48, memoryGiB: 512, nicGbps: 25 }),
    b.host(intel, { cpu: 'sapphireRapids', cores: 48, memoryGiB: 512, nicGbps: 25, lacksPortGroups: [`${intel}_PG1`], passthrough: [gpu] }),
  ] as const;
  const vms: [string, VmSpec][] = [
    [h[0], { memoryGiB: 8, vcpus: 4, dirtyMiBps: 40, tags: ['web', 'anti-affinity:web'] }],
    [h[0], { memoryGiB: 16, vcpus: 8, dirtyMiBps: 120, workingSetGiB: 2, tags: ['db'], missionCritical: true, portGroups: [0, 1] }],
    [h[0], { memoryGiB: 2, vcpus: 2, dirtyMiBps: 5, tags: ['dns'], storage: 'local' }],
    // Dirties memory faster than its 10 Gb/s link: pre-copy alone never converges.
    [h[0], { memoryGiB: 32, vcpus: 16, dirtyMiBps: 1600, workingSetGiB: 12, tags: ['analytics'] }],
    [h[0], { memoryGiB: 4, vcpus: 2, dirtyMiBps: 10, tags: ['test'], power: 'off' }],
    [h[0], { memoryGiB: 1, vcpus: 1, dirtyMiBps: 2, tags: ['jump'] }],
    [h[1], { memoryGiB: 8, vcpus: 4, dirtyMiBps: 35, tags: ['web', 'anti-affinity:web'] }],
    [h[1], { memoryGiB: 16, vcpus: 8, dirtyMiBps: 90, tags: ['db', 'affinity:db'], portGroups: [0, 1] }],
    [h[1], { memoryGiB: 4, vcpus: 2, dirtyMiBps: 20, tags: ['app'] }],
    [h[1], { memoryGiB: 64, vcpus: 16, dirtyMiBps: 300, workingSetGiB: 8, tags: ['erp'], missionCritical: true }],
    [h[1], { memoryGiB: 2, vcpus: 2, dirtyMiBps: 15, tags: ['ci'] }],
    [h[1], { memoryGiB: 8, vcpus: 4, dirtyMiBps: 60, tags: ['ml'], passthrough: gpu }],
    [h[2], { memoryGiB: 16, vcpus: 8, dirtyMiBps: 80, tags: ['ml-inference'], cpu: 'host-model' }],
    [h[2], { memoryGiB: 8, vcpus: 4, dirtyMiBps: 30, tags: ['web', 'anti-affinity:web'] }],
    [h[2], { memoryGiB: 32, vcpus: 8, dirtyMiBps: 400, workingSetGiB: 4, tags: ['cache'] }],
    [h[2], { memoryGiB: 4, vcpus: 4, dirtyMiBps: 25, tags: ['build'], storage: 'local' }],
    [h[2], { memoryGiB: 12, vcpus: 4, dirtyMiBps: 50, tags: ['app'], portGroups: [0, 1] }],
    [h[2], { memoryGiB: 2, vcpus: 2, dirtyMiBps: 8, tags: ['monitoring'], missionCritical: true }],
    [h[3], { memoryGiB: 24, vcpus: 8, dirtyMiBps: 200, workingSetGiB: 3, tags: ['db', 'affinity:db'] }],
    [h[3], { memoryGiB: 4, vcpus: 2, dirtyMiBps: 20, tags: ['app'] }],
    [h[3], { memoryGiB: 8, vcpus: 4, dirtyMiBps: 30, tags: ['web'] }],
    [h[3], { memoryGiB: 6, vcpus: 2, dirtyMiBps: 45, tags: ['queue'] }],
    [h[3], { memoryGiB: 1, vcpus: 1, dirtyMiBps: 3, tags: ['dns'] }],
    [h[3], { memoryGiB: 48, vcpus: 12, dirtyMiBps: 80, workingSetGiB: 6, tags: ['warehouse'] }],
  ];
  const amd = b.cluster(dc);
  const a = [0, 1, 2].map(() => b.host(amd, { cpu: 'milan', cores: 64, memoryGiB: 384, nicGbps: 5 }));
  const amdVms: VmSpec[] = [
    { memoryGiB: 8, vcpus: 4, dirtyMiBps: 30, tags: ['web', 'anti-affinity:web-eu'] },
    { memoryGiB: 16, vcpus: 8, dirtyMiBps: 100, tags: ['db'], missionCritical: true, portGroups: [0, 1] },
    { memoryGiB: 4, vcpus: 2, dirtyMiBps: 15, tags: ['app'] },
    { memoryGiB: 2, vcpus: 1, dirtyMiBps: 5, tags: ['dns'], storage: 'local' },
    { memoryGiB: 32, vcpus: 16, dirtyMiBps: 150, workingSetGiB: 4, tags: ['batch'] },
    { memoryGiB: 8, vcpus: 4, dirtyMiBps: 25, tags: ['web', 'anti-affinity:web-eu'] },
    { memoryGiB: 12, vcpus: 4, dirtyMiBps: 40, tags: ['app'] },
    { memoryGiB: 1, vcpus: 1, dirtyMiBps: 2, tags: ['jump'] },
    { memoryGiB: 24, vcpus: 8, dirtyMiBps: 180, tags: ['search'] },
    { memoryGiB: 4, vcpus: 2, dirtyMiBps: 10, tags: ['ci'], power: 'off' },
    { memoryGiB: 6, vcpus: 2, dirtyMiBps: 35, tags: ['queue'] },
    { memoryGiB: 16, vcpus: 8, dirtyMiBps: 60, tags: ['app'], portGroups: [0, 1] },
    { memoryGiB: 2, vcpus: 2, dirtyMiBps: 8, tags: ['monitoring'] },
    { memoryGiB: 48, vcpus: 16, dirtyMiBps: 220, workingSetGiB: 6, tags: ['analytics'] },
    { memoryGiB: 8, vcpus: 4, dirtyMiBps: 30, tags: ['web'] },
    { memoryGiB: 4, vcpus: 2, dirtyMiBps: 12, tags: ['app'] },
  ];
  for (const [host, spec] of vms) b.vm(host, spec);
  amdVms.forEach((spec, i) => b.vm(a[i % a.length] as string, spec));
}

/** Two hosts and two guests: the smallest datacenter that can migrate (one guest on local storage). */
function tiny(b: SimBuilder): void {
  const c = b.cluster(b.datacenter());
  const h0 = b.host(c, { cpu: 'cascadeLake', cores: 16, memoryGiB: 128, nicGbps: 10 });
  b.host(c, { cpu: 'cascadeLake', cores: 16, memoryGiB: 128, nicGbps: 10 });
  b.vm(h0, { memoryGiB: 4, vcpus: 2, dirtyMiBps: 50, tags: ['web'] });
  b.vm(h0, { memoryGiB: 2, vcpus: 1, dirtyMiBps: 10, tags: ['db'], storage: 'local' });
}

/** 2,000 hosts and 40,000 guests for scale benchmarks: 4 datacenters × 10 clusters × 50 hosts × 20 VMs. */
function large(b: SimBuilder): void {
  const generations = ['cascadeLake', 'sapphireRapids', 'milan'] as const;
  for (let d = 0; d < 4; d++) {
    const dc = b.datacenter();
    for (let c = 0; c < 10; c++) {
      const cluster = b.cluster(dc);
      const cpu = generations[(d * 10 + c) % 3] ?? 'cascadeLake';
      for (let h = 0; h < 50; h++) {
        const host = b.host(cluster, { cpu, cores: 64, memoryGiB: 1024, nicGbps: h % 5 === 0 ? 25 : 10 });
        for (let v = 0; v < 20; v++) {
          const memoryGiB = [2, 4, 8, 16, 32][(h + v) % 5] ?? 4;
          b.vm(host, {
            memoryGiB,
            vcpus: Math.max(1, memoryGiB / 4),
            dirtyMiBps: 5 + ((h * 7 + v * 13) % 200),
            tags: [`tier-${v % 3}`],
            missionCritical: v === 0,
          });
        }
      }
    }
  }
}

const builders: Record<PresetName, (b: SimBuilder) => void> = { demo, tiny, large };

export function buildPreset(name: PresetName, nowMs: number, seed = 7): SimState {
  const builder = new SimBuilder(name, seed, nowMs);
  builders[name](builder);
  return builder.build();
}
