import fc from 'fast-check';
import { inspect } from 'node:util';
import { expect, it } from 'vitest';
import { commandNames } from '../../src/shared/api';
import { payloadFor } from './command-fuzz';
import { derivedSeed } from './settings';

// A mutation that wrote into a value the generators hand out again corrupted every later payload:
// keys piled up across commands until a round of the command fuzzer took minutes and gigabytes
// (177 s instead of 17). What a mutation puts in a payload must be that payload's own.
it('generates the same payloads after a round of mutations as before it', () => {
  const pools = new Map([['vm', ['vm-1']]]);
  const shown = (value: unknown): string => inspect(value, { depth: 6, maxArrayLength: 10, maxStringLength: 40 });
  const payloads = (round: number): string[] =>
    commandNames.map((n) => shown(fc.sample(payloadFor(n, pools), { seed: derivedSeed(20261126, n, round), numRuns: 25 })));
  const before = payloads(0);
  payloads(1);
  const after = payloads(0);
  expect(commandNames.filter((_, i) => after[i] !== before[i])).toEqual([]);
});
