import type { SchemaMigration } from './schema-migration';

/**
 * Which box sealed a saved host's credentials (Electron's keychain or the browser console's key
 * file): a console that lacks it asks for the credentials again instead of failing to decrypt.
 * Rows saved before stay null: every box is tried.
 */
export const secretBox: SchemaMigration = {
  version: 6,
  name: 'secret-box',
  sql: `ALTER TABLE connections ADD COLUMN secret_box TEXT;`,
};
