// Settings and fault rules checked where they are typed, with the limits read from the shared
// contract (src/shared/api/app.ts, src/shared/model/faults.ts), so the field and main's check agree
// and the admin reads words at the field instead of a validation library's text after Save.

import type { z } from 'zod';
import { Settings } from '../../../../shared/api/app';
import { FaultRuleInput } from '../../../../shared/model/faults';
import { asErrorLike, issuesOf } from '../../components/error-details';

const operatorName = Settings.shape.operatorName.unwrap();
const simSpeed = Settings.shape.simSpeed;
// A rule's fields are checked with their defaults (a field left out takes it); the limits are read beneath.
const rule = FaultRuleInput.shape;
const probability = rule.probability.unwrap();
const delayMs = rule.delayMs.unwrap();
const target = rule.target.unwrap();

/** The typed form's numbers: NaN for an emptied field. */
export type SettingsDraft = Settings;
export type SettingsProblems = Partial<Record<keyof Settings, string>>;

const fits = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

export function settingsProblems(draft: SettingsDraft): SettingsProblems {
  const problems: SettingsProblems = {};
  const name = draft.operatorName;
  if (name !== null && !fits(operatorName, name))
    problems.operatorName =
      name.length > (operatorName.maxLength ?? Infinity)
        ? `At most ${operatorName.maxLength} characters (this has ${name.length}).`
        : 'It contains half a character (pasted from somewhere?): retype it.';
  if (!fits(simSpeed, draft.simSpeed)) problems.simSpeed = `From ${simSpeed.minValue} to ${simSpeed.maxValue} times real time.`;
  return problems;
}

type RuleDraft = Pick<FaultRuleInput, 'target' | 'probability' | 'count' | 'delayMs'>;
export type FaultRuleProblems = Partial<Record<keyof RuleDraft, string>>;

export function faultRuleProblems(draft: RuleDraft): FaultRuleProblems {
  const problems: FaultRuleProblems = {};
  if (!fits(rule.target, draft.target))
    problems.target = `A VM or host name, or a pattern such as * (up to ${target.maxLength} characters).`;
  if (!fits(rule.probability, draft.probability)) problems.probability = `From ${probability.minValue} to ${probability.maxValue}.`;
  // positive() and int(): the least it takes is 1; null is "always".
  if (!fits(rule.count, draft.count)) problems.count = 'A whole number, at least 1; empty: always.';
  if (!fits(rule.delayMs, draft.delayMs)) problems.delayMs = `Whole milliseconds, from ${delayMs.minValue} to ${delayMs.maxValue}.`;
  return problems;
}

/** The settings fields Ferry refused (VALIDATION_FAILED names them); null for any other failure. */
export function settingsRefusal(error: unknown): (keyof Settings)[] | null {
  const failure = asErrorLike(error);
  if (failure.code !== 'VALIDATION_FAILED') return null;
  const fields = Object.keys(Settings.shape) as (keyof Settings)[];
  return fields.filter((field) => issuesOf(failure.details).some((issue) => issue.path.split('.')[0] === field));
}
