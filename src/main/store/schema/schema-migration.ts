/** One numbered step of the schema, applied once in its own transaction and recorded with its hash. */
export interface SchemaMigration {
  version: number;
  name: string;
  sql: string;
}
