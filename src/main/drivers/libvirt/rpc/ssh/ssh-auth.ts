// The logins to try, in OpenSSH's spirit: the key Ferry was given, then the agent's keys, then
// the identity files (an encrypted one only with the passphrase Ferry holds), then the password.
// Key material and passwords stay in these objects: nothing here is logged or put in errors.

import { readFile } from 'node:fs/promises';
// ssh2 is CommonJS and Node's ESM loader cannot see `utils` as a named export: take it from the default.
import ssh2, { type AnyAuthMethod } from 'ssh2';
import type { SshEndpoint } from './ssh-target';

export interface SshSecrets {
  readonly privateKey?: Buffer | string | undefined;
  readonly passphrase?: string | undefined;
  readonly password?: string | undefined;
}

async function readKey(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch {
    return null; // the default id_* files are often absent; ssh skips them silently too
  }
}

function usable(key: Buffer | string, passphrase: string | undefined): boolean {
  const parsed = ssh2.utils.parseKey(key, passphrase);
  return !(parsed instanceof Error);
}

export async function authMethodsFor(
  endpoint: SshEndpoint,
  secrets: SshSecrets,
  agentSocket: string | undefined,
): Promise<AnyAuthMethod[]> {
  const username = endpoint.user;
  const methods: AnyAuthMethod[] = [];
  const { privateKey, passphrase, password } = secrets;
  if (privateKey !== undefined) methods.push({ type: 'publickey', username, key: privateKey, ...(passphrase ? { passphrase } : {}) });
  if (agentSocket && !endpoint.identitiesOnly) methods.push({ type: 'agent', username, agent: agentSocket });
  for (const file of endpoint.identityFiles) {
    const key = await readKey(file);
    if (key && usable(key, passphrase)) methods.push({ type: 'publickey', username, key, ...(passphrase ? { passphrase } : {}) });
  }
  if (password !== undefined) methods.push({ type: 'password', username, password });
  return methods;
}
