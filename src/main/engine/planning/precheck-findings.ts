import type { PrecheckCode, PrecheckResult } from '../../../shared/model/precheck';

/**
 * What the prechecks found for one host, in the order found. One object a host rather than a
 * closure per severity: ranking checks 40,000 hosts at once and keeps each host's list.
 */
export class Findings {
  results: PrecheckResult[] = [];
  blocked = false;

  error(code: PrecheckCode, message: string, hint: string): void {
    this.blocked = true;
    this.add({ code, severity: 'error', message, hint });
  }

  warning(code: PrecheckCode, message: string, hint: string): void {
    this.add({ code, severity: 'warning', message, hint });
  }

  // Copied to a literal of the new length: an empty array's first push makes room for 16, and a
  // ranking keeps tens of thousands of these lists of one.
  private add(result: PrecheckResult): void {
    this.results = this.results.length === 0 ? [result] : [...this.results, result];
  }
}
