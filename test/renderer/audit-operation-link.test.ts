import { describe, expect, it } from 'vitest';
import { operationScope, operationShows, operationWords } from '../../src/renderer/src/features/audit/operation-link';

const op = '3f2a9c1e-0000-4000-8000-000000000001';

describe("the Audit grid's Operation cell (new-user review 10, 10)", () => {
  it('names the part and the same short id for a maintenance and its failback', () => {
    expect(operationWords({ operation: op, part: 'maintenance' })).toBe('Maintenance 3f2a9c1e');
    expect(operationWords({ operation: op, part: 'failback' })).toBe('Failback 3f2a9c1e');
    expect(operationWords({ operation: op, part: 'batch' })).toBe('Batch 3f2a9c1e');
  });

  it('scopes the trail to the maintenance, its failback with it, whichever of the two was clicked', () => {
    const scope = { operation: op, label: 'Maintenance 3f2a9c1e and its failback' };
    expect(operationScope({ operation: op, part: 'maintenance' })).toEqual(scope);
    expect(operationScope({ operation: op, part: 'failback' })).toEqual(scope);
    expect(operationShows({ operation: op, part: 'failback' })).toBe('show the maintenance and its failback together');
    expect(operationScope({ operation: op, part: 'batch' })).toEqual({ operation: op, label: 'Batch 3f2a9c1e' });
  });
});
