import { FaultRuleInput, type FaultOperation, type FaultRule } from '../../../shared/model/faults';
import type { FaultControl } from '../driver';

// Compiled once per pattern: a host event checks every rule against each of 2,000 hosts.
const compiled = new Map<string, RegExp>();

/** Matches `*` and `?` globs against a whole name. */
export function globMatches(pattern: string, name: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    const source = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex.test(name);
}

/**
 * Fault rules in the style of govmomi's simulator: operation, target pattern, probability, count,
 * skip and delay. Rules are plain data so they persist with the simulated datacenter.
 */
export class FaultBook implements FaultControl {
  constructor(
    private readonly state: { faults: FaultRule[]; nextFaultId: number },
    private readonly random: () => number,
    private readonly changed: (added?: FaultRule) => void,
  ) {}

  list(): FaultRule[] {
    return this.state.faults.map((rule) => ({ ...rule }));
  }

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...FaultRuleInput.parse(input), id: `fault-${this.state.nextFaultId++}`, matched: 0, struck: 0 };
    this.state.faults.push(rule);
    this.changed(rule);
    return { ...rule };
  }

  remove(id: string): void {
    this.state.faults = this.state.faults.filter((rule) => rule.id !== id);
    this.changed();
  }

  clear(): void {
    this.state.faults = [];
    this.changed();
  }

  /**
   * The rule that strikes this operation on any of `targets`, if one does. Striking consumes the
   * rule's count; rules that only delay are reported too, with `fail` false.
   */
  strike(operation: FaultOperation, targets: readonly string[]): FaultRule | null {
    for (const rule of this.state.faults) {
      if (rule.operation !== operation || !targets.some((t) => globMatches(rule.target, t))) continue;
      if (rule.count !== null && rule.struck >= rule.count) continue;
      rule.matched += 1;
      if (rule.matched <= rule.skip) continue;
      if (this.random() >= rule.probability) continue;
      rule.struck += 1;
      this.changed();
      return { ...rule };
    }
    return null;
  }
}
