// libvirt's authentication phase, between opening the transport and CONNECT_OPEN, in the order
// libvirt's own client runs it (remote_driver.c remoteAuthenticate / remoteAuthSASL):
//   AUTH_LIST → NONE (done) | POLKIT (AUTH_POLKIT) | SASL (INIT, START, STEP… until both sides are done).
// SASL runs SCRAM only on a secure transport (unix, ssh, TLS): on plain TCP the daemon offers only
// mechanisms with a security layer (DIGEST-MD5, GSSAPI), which Ferry refuses with a typed error.

import { type LibvirtClient } from '../client';
import { isLibvirtError } from '../errors';
import { AuthType } from '../procedure-numbers';
import { passThroughCodec } from '../stream-codec';
import { authErrorFromReply, LibvirtAuthError } from './auth-error';
import { authList, authPolkit, authSaslInit, authSaslStart, authSaslStep } from './auth-procedures';
import type { AuthOutcome, AuthPreference, SaslCredentials } from './auth-types';
import { SCRAM_MECHANISMS, ScramClient, ScramError, type ScramMechanism } from './scram';

export interface AuthenticateOptions {
  /** The URI's `auth=` choice; default: what the daemon lists first. */
  readonly preference?: AuthPreference;
  /** Unix, ssh and TLS are; plain TCP is not (its SASL would need a security layer). */
  readonly secure: boolean;
  readonly sasl?: SaslCredentials;
  /** Names the daemon in messages (a redacted URI). */
  readonly where: string;
}

const SPOKEN = Object.keys(SCRAM_MECHANISMS) as ScramMechanism[];

export async function authenticate(client: LibvirtClient, options: AuthenticateOptions): Promise<AuthOutcome> {
  try {
    const type = chooseAuthType(await listAuthTypes(client), options);
    if (type === AuthType.NONE) return { type: 'none' };
    if (type === AuthType.POLKIT) {
      // libvirt ignores `complete`: a refusal comes back as an error reply.
      await authPolkit(client);
      return { type: 'polkit' };
    }
    return { type: 'sasl', mechanism: await authenticateSasl(client, options) };
  } catch (error) {
    throw authErrorFromReply(error, options.where) ?? error;
  }
}

async function listAuthTypes(client: LibvirtClient): Promise<number[]> {
  try {
    return await authList(client);
  } catch (error) {
    // A daemon too old to know AUTH_LIST wants nothing (libvirt's client does the same).
    if (isLibvirtError(error, 'NO_SUPPORT')) return [AuthType.NONE];
    throw error;
  }
}

/** The auth type to run: the URI's choice if the socket allows it, else the socket's first. */
export function chooseAuthType(types: readonly number[], options: Pick<AuthenticateOptions, 'preference' | 'where'>): number {
  const preference = options.preference;
  if (!preference) return types[0] ?? AuthType.NONE;
  const wanted = preference.type === 'sasl' ? AuthType.SASL : AuthType.POLKIT;
  if (!types.includes(wanted)) {
    throw new LibvirtAuthError(
      'AUTH_FAILED',
      `authentication failed: ${options.where} rejected the requested authentication type ${preference.type}`,
      {
        hint: `remove auth=${preference.type} from the URI, or configure that socket for it on the host`,
      },
    );
  }
  return wanted;
}

/** The SCRAM mechanism to use from what the daemon offers, or a typed refusal saying why none fits. */
export function chooseSaslMechanism(
  offered: readonly string[],
  options: Pick<AuthenticateOptions, 'preference' | 'secure' | 'where'>,
): ScramMechanism {
  const details = { offered, supported: SPOKEN };
  if (!options.secure) {
    throw new LibvirtAuthError(
      'AUTH_MECHANISM_UNSUPPORTED',
      `${options.where} asks for SASL over plain TCP, where libvirt offers only mechanisms with their own encryption ` +
        `(${offered.join(', ') || 'none'}); Ferry does not speak those`,
      {
        ...details,
        hint: 'connect with qemu+tls:// or qemu+ssh:// instead (SCRAM-SHA-256 works there), or turn SASL off for TCP on a trusted network',
      },
    );
  }
  const wanted = options.preference?.type === 'sasl' ? options.preference.mechanism : undefined;
  const candidates = wanted ? SPOKEN.filter((m) => m === wanted) : SPOKEN;
  const mechanism = candidates.find((m) => offered.includes(m));
  if (mechanism) return mechanism;
  const what = wanted ? `the URI asks for ${wanted}; ` : '';
  throw new LibvirtAuthError(
    'AUTH_MECHANISM_UNSUPPORTED',
    `${what}${options.where} offers the SASL mechanisms ${offered.join(', ') || '(none)'}; Ferry speaks ${SPOKEN.join(', ')}`,
    { ...details, hint: "add scram-sha-256 to mech_list in the host's /etc/sasl2/libvirt.conf (libsasl2-modules provides it)" },
  );
}

async function authenticateSasl(client: LibvirtClient, options: AuthenticateOptions): Promise<string> {
  const offered = await authSaslInit(client);
  const mechanism = chooseSaslMechanism(offered, options);
  const credentials = options.sasl;
  if (!credentials) {
    throw new LibvirtAuthError('AUTH_REQUIRED', `${options.where} requires a SASL login (${mechanism}) and none is set for this host`, {
      offered,
      supported: SPOKEN,
      hint: 'enter the SASL username and password for this host (the ones saslpasswd2 set on it)',
    });
  }
  const scram = new ScramClient(mechanism, credentials.username, credentials.password);
  try {
    const first = await authSaslStart(client, mechanism, scram.clientFirst());
    if (first.complete || !first.data) throw new ScramError('the server ended SCRAM before its challenge');
    const last = await authSaslStep(client, await scram.clientFinal(first.data));
    // The server's final data (v=) must be checked even though it says complete: mutual auth.
    if (!last.data) throw new ScramError('the server did not send its signature after our proof');
    scram.verifyServerFinal(last.data);
    // A server without SASL_SUCCESS_DATA sends v= as a challenge: like libvirt, step once more (empty).
    if (!last.complete && !(await authSaslStep(client, Buffer.alloc(0))).complete) {
      throw new ScramError('the server did not finish SCRAM after our proof');
    }
  } catch (error) {
    if (!(error instanceof ScramError)) throw error;
    throw new LibvirtAuthError(
      'AUTH_FAILED',
      `authentication failed: SASL ${mechanism} login of ${credentials.username} to ${options.where}: ${error.message}`,
      { hint: 'check the SASL username and password', offered, supported: SPOKEN },
      { cause: error },
    );
  }
  // SCRAM has no security layer: the stream stays plain RPC. The seam is where one would go.
  client.setStreamCodec(passThroughCodec);
  return mechanism;
}
