import { initial } from './001-initial';
import { connectionConfig } from './002-connection-config';

export interface SchemaMigration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only: never edit one that has shipped; add the next number instead. */
export const migrations: readonly SchemaMigration[] = [initial, connectionConfig];
