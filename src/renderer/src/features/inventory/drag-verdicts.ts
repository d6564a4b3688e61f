import type { HostRating } from '../../../../shared/model/precheck';

export type Verdict = { level: 'ok' | 'warning' | 'error'; message: string; hint: string };

function verdictOf(rating: HostRating): Verdict {
  const error = rating.checks.find((c) => c.severity === 'error');
  if (error) return { level: 'error', message: error.message, hint: error.hint };
  const warning = rating.checks.find((c) => c.severity === 'warning');
  if (warning) return { level: 'warning', message: warning.message, hint: warning.hint };
  return { level: 'ok', message: `Rated ${rating.rating} of 5: ${rating.reasons[0] ?? ''}`, hint: '' };
}

/** Each VM's reason, those sharing one named together: the first VM's alone read as every VM's (new-user review 9, 5). */
function byReason(errors: readonly { v: Verdict; name: string }[]): string {
  const names = new Map<string, string[]>();
  for (const { v, name } of errors) names.set(v.message, [...(names.get(v.message) ?? []), name]);
  return [...names].map(([message, vms]) => `${vms.join(', ')}: ${message}`).join('; ');
}

/**
 * One verdict per host for everything dragged: blocked only when no dragged VM can go there;
 * when some cannot, a warning that says how many (they are listed in the wizard and the rest move).
 */
export function combinedVerdicts(ratingsPerVm: HostRating[][], names: string[]): Map<string, Verdict> {
  // Each verdict with its VM's name: a VM already on a host is not in that host's ratings, so the
  // verdicts' places there are not the VMs' places.
  const perHost = new Map<string, { v: Verdict; name: string }[]>();
  ratingsPerVm.forEach((ratings, i) => {
    for (const rating of ratings)
      perHost.set(rating.hostId, [...(perHost.get(rating.hostId) ?? []), { v: verdictOf(rating), name: names[i] ?? '' }]);
  });
  const combined = new Map<string, Verdict>();
  const total = ratingsPerVm.length;
  for (const [hostId, verdicts] of perHost) {
    const first = verdicts[0];
    if (!first) continue;
    if (total === 1) {
      combined.set(hostId, first.v);
      continue;
    }
    const errors = verdicts.filter((x) => x.v.level === 'error');
    const warning = verdicts.find((x) => x.v.level === 'warning')?.v;
    const firstError = errors[0];
    if (firstError && errors.length === total)
      combined.set(hostId, {
        level: 'error',
        message: `None of the ${total} VMs can move here: ${byReason(errors)}`,
        hint: firstError.v.hint,
      });
    else if (firstError)
      combined.set(hostId, {
        level: 'warning',
        message: `${errors.length} of ${total} VMs cannot move here (${errors.map((e) => e.name).join(', ')}); the others can`,
        hint: firstError.v.hint,
      });
    else if (warning) combined.set(hostId, warning);
    else combined.set(hostId, { level: 'ok', message: `All ${total} VMs can move here`, hint: '' });
  }
  return combined;
}
