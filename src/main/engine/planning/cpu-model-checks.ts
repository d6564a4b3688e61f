// The CPU a running guest meets on its destination: the same vendor, and every feature it uses.
// Ranking runs this for every host of the estate, so what repeats from host to host is kept.

import type { CpuVendor, Host } from '../../../shared/model/inventory';
import type { Findings } from './precheck-findings';
import type { Subject } from './precheck-subject';
import { list } from './precheck-words';

const featureSets = new WeakMap<readonly string[], ReadonlySet<string>>();
const featureSet = (features: readonly string[]): ReadonlySet<string> => {
  let set = featureSets.get(features);
  if (!set) featureSets.set(features, (set = new Set(features)));
  return set;
};

/** A vendor's CPUs as their maker writes the name (review 10: "runs on INTEL" read as shouting). */
const vendorCpus: Record<CpuVendor, string> = { intel: 'Intel CPUs', amd: 'AMD CPUs', unknown: 'CPUs of an unknown make' };

// What follows a refused host's name, worded once per vendor.
const closings = new Map<string, string>();
const closingFor = (vendor: CpuVendor): string => {
  let closing = closings.get(vendor);
  if (closing === undefined) closings.set(vendor, (closing = ` has ${vendorCpus[vendor]}.`));
  return closing;
};

/** The guest's features `features` lacks, worked out once per list for a subject. */
function missingFrom(subject: Subject, features: readonly string[]): readonly string[] {
  const known = (subject.memo.cpuFeaturesMissing ??= new Map());
  let missing = known.get(features);
  if (!missing) {
    const available = featureSet(features);
    missing = subject.vm.cpuFeatures.filter((f) => !available.has(f));
    known.set(features, missing);
  }
  return missing;
}

/** Where the hypervisor judges CPUs (cpu-judge.ts), a diff of lists it does not vouch for refuses nothing. */
export function checkCpuModel(subject: Subject, source: Host, dest: Host, found: Findings): void {
  if (subject.cpuJudgedByHypervisor) return;
  const { vm } = subject;
  if (source.cpu.vendor !== dest.cpu.vendor) {
    // "<guest> runs on Intel CPUs and " + host + " has AMD CPUs.": hosts refused so differ by their
    // name only, and a ranking keeps thousands of these (each piece of a template is one more string).
    const opening = (subject.memo.vendorMismatchOpening ??= `${vm.name} runs on ${vendorCpus[source.cpu.vendor]} and `);
    found.error(
      'CPU_VENDOR_MISMATCH',
      opening + dest.name + closingFor(dest.cpu.vendor),
      'Live migration needs the same CPU vendor: pick a host of the same cluster, or shut down and move the VM.',
    );
  } else if (dest.cpu.features !== source.cpu.features) {
    // A running guest uses only features of its source, so a host sharing that feature list passes.
    const missing = missingFrom(subject, dest.cpu.features);
    if (missing.length > 0) {
      found.error(
        'CPU_FEATURES_MISSING',
        `${dest.name} lacks CPU features the guest uses: ${list(missing)}.`,
        "Restart the VM with the cluster's baseline CPU model (EVC) so it only uses features every host has, or pick a newer host.",
      );
    }
  }
}
