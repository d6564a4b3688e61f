import { FerryError } from '../../../../shared/api/errors';
import type { SaslCredentials } from '../../../../shared/model/inventory';

/** The libvirt SASL login being typed; `enabled` says the host's libvirtd asks for one. */
export interface SaslDraft {
  enabled: boolean;
  username: string;
  password: string;
}

export const emptySasl: SaslDraft = { enabled: false, username: '', password: '' };

export function saslOf(draft: SaslDraft): SaslCredentials | undefined {
  if (!draft.enabled || !draft.username || !draft.password) return undefined;
  return { username: draft.username, password: draft.password };
}

/** A half-filled login would be dropped silently: say it is incomplete instead. */
export const saslIncomplete = (draft: SaslDraft): boolean => draft.enabled && saslOf(draft) === undefined;

/** The test connection met a daemon that wants a SASL login: the wizard opens the fields for it. */
export const saslAskedBy = (failure: unknown): boolean => failure instanceof FerryError && failure.code === 'AUTH_REQUIRED';
