import type { PrecheckCode, PrecheckResult } from '../../../shared/model/precheck';

/**
 * What the prechecks found for one host, in the order found. One object a host rather than a
 * closure per severity: ranking checks 40,000 hosts at once and keeps each host's list.
 */
export class Findings {
  // No list until something is found: most hosts of a ranking get a list of one, and the empty
  // list made for each first was as much garbage again.
  private found: PrecheckResult[] | null = null;
  blocked = false;

  get results(): PrecheckResult[] {
    return this.found ?? [];
  }

  error(code: PrecheckCode, message: string, hint: string): void {
    this.blocked = true;
    this.add({ code, severity: 'error', message, hint });
  }

  warning(code: PrecheckCode, message: string, hint: string): void {
    this.add({ code, severity: 'warning', message, hint });
  }

  // A literal of the new length: an empty array's first push makes room for 16, and a ranking
  // keeps tens of thousands of these lists of one.
  private add(result: PrecheckResult): void {
    this.found = this.found ? [...this.found, result] : [result];
  }
}
