import { formatCount } from './format';

/** "1 host", "2 hosts": a count with its noun in agreement (irregular plurals passed in). */
export const counted = (n: number, one: string, many = `${one}s`): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/** The verb after a count: "1 host needs", "2 hosts need". */
export { agrees } from '../../../shared/model/plural';
