import { FaultRuleInput, type FaultOperation, type FaultRule } from '../../../shared/model/faults';
import type { Clock } from '../../base/clock/clock';
import { DriverError, type FaultControl } from '../driver';

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
    /** The simulated datacenter's time, on which rules delay operations. */
    private readonly clock: Clock,
  ) {}

  /** An operation as a rule makes it: delayed, then failed with `code` as the real call would, or untouched. */
  async apply(
    operation: FaultOperation,
    targets: readonly string[],
    code: 'DESTINATION_FAILED' | 'OPERATION_FAILED' | 'HOST_UNREACHABLE',
  ): Promise<void> {
    const rule = this.strike(operation, targets);
    if (!rule) return;
    if (rule.delayMs > 0) await new Promise<void>((resolve) => this.clock.setTimeout(resolve, rule.delayMs));
    if (rule.fail) throw new DriverError(code, `${operation}: ${rule.message}`);
  }

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
