import type { ErrorCode } from '../../../shared/api/errors';
import { connectionHint } from './connection-hints';
import { sessionRefusedWords } from './session-refused-words';
import { asErrorLike, checksIn, connectionFailureIn, issuesIn, tlsDetailsIn, type ErrorLike } from './error-details';

/** An error as an admin reads it: what went wrong, the message, what lies behind it, what to do. */
export interface ErrorDescription {
  /** The code the UI switched on, shown as the reference to quote; null for errors without one. */
  code: string | null;
  title: string;
  body: string;
  /** The issues or checks behind a VALIDATION_FAILED or PRECHECK_FAILED, one line each. */
  items: string[];
  hint?: string;
}

type Explanation = { title: string; hint: string; items?: string[] };

/** Every code of the contract, explained: a code added to ErrorCode without an explanation does not compile. */
const explanations: Record<ErrorCode, (error: ErrorLike) => Explanation> = {
  VALIDATION_FAILED: (error) => ({ title: 'Invalid request', hint: 'Correct the input and try again.', items: issuesIn(error.details) }),
  UNKNOWN_COMMAND: () => ({
    title: 'Unknown command',
    hint: 'The console and Ferry are out of step: reload the window, or restart Ferry.',
  }),
  UNAUTHORIZED: () => ({ title: 'Not allowed', hint: 'Open the console again from the link Ferry printed when it started.' }),
  NOT_FOUND: () => ({ title: 'Not found', hint: 'It may have been removed meanwhile: the views show what exists now.' }),
  CONFLICT: () => ({ title: 'Conflict', hint: 'It clashes with what exists already: check the current state and try again.' }),
  SCHEDULE_TIME_PASSED: () => ({
    title: 'That time has passed',
    hint: 'A one-off schedule runs once, at a time still to come: choose a later time, or migrate now.',
  }),
  PRECHECK_FAILED: (error) => ({
    title: 'Blocked by the prechecks',
    hint: 'Fix what the checks report, or choose another destination.',
    items: checksIn(error.details, 'error'),
  }),
  WARNINGS_NOT_ACKNOWLEDGED: (error) => ({
    title: 'Warnings need your acknowledgement',
    hint: 'Review the warnings in the wizard, tick them, and start again.',
    items: checksIn(error.details, 'warning'),
  }),
  MIGRATION_IN_PROGRESS: () => ({
    title: 'Already migrating',
    hint: 'Wait for the running migration to end, or cancel it in the Tasks view.',
  }),
  CANCEL_REFUSED: () => ({
    title: 'Cannot cancel',
    hint: 'The migration has ended or already switched over: the Tasks view shows how it finishes.',
  }),
  HOST_UNREACHABLE: (error) => {
    // A socket failure says why (refused, timed out...): the hint names what to check.
    const failure = connectionFailureIn(error.details);
    return failure
      ? connectionHint(failure)
      : { title: 'Host unreachable', hint: 'Check that the host is up and reachable over the network.' };
  },
  INSUFFICIENT_MEMORY: () => ({
    title: 'Not enough memory',
    hint: 'Choose a destination with more free memory, or move other VMs away first.',
  }),
  CPU_INCOMPATIBLE: () => ({
    title: 'Incompatible CPU',
    hint: "Choose a host with a compatible CPU, or give the VM the cluster's baseline CPU model.",
  }),
  AUTH_FAILED: () => ({ title: 'Authentication failed', hint: 'Check the credentials: user, password or key, and the trusted host key.' }),
  AUTH_REQUIRED: () => ({
    title: 'The host asks for a login',
    hint: "Its libvirtd wants a SASL login: enter the SASL username and password (the ones saslpasswd2 set on the host) in the host's credentials.",
  }),
  AUTH_UNAVAILABLE: () => ({
    title: 'The host cannot authenticate Ferry this way',
    hint: "Its libvirtd asks polkit, which cannot decide without a password prompt: add the user Ferry connects as to the host's libvirt group, or add a polkit rule for it.",
  }),
  AUTH_MECHANISM_UNSUPPORTED: () => ({
    title: 'No login method Ferry speaks',
    hint: "Ferry logs in to libvirt with SASL SCRAM-SHA-256 over unix, SSH or TLS: use a qemu+ssh:// or qemu+tls:// URI, and put scram-sha-256 in the host's /etc/sasl2/libvirt.conf mech_list.",
  }),
  HOST_KEY_CHANGED: () => ({
    title: 'SSH host key changed',
    hint: 'Ferry refused to log in: compare the fingerprints above with the host itself before trusting the new key.',
  }),
  HOST_KEY_UNKNOWN: () => ({
    title: 'SSH host key not trusted yet',
    hint: 'Test the connection and confirm the key, or add the host to known_hosts.',
  }),
  EXPORT_FAILED: () => ({ title: 'Export failed', hint: 'Check that the destination has space and can be written.' }),
  INVALID_URI: () => ({
    title: 'This libvirt URI cannot be used',
    hint: 'Nothing was contacted: correct the URI (driver+transport://host[:port]/system, e.g. qemu+ssh://root@host.example/system, brackets around an IPv6 address) and test again.',
  }),
  NOT_LIBVIRT: (error) => ({
    title: `Not libvirtd on ${endpointIn(error.details) ?? 'that port'}`,
    hint: 'Another service answers there: check the port in the URI (libvirtd listens on 16509 for tcp, 16514 for tls) and that libvirtd runs with --listen, or use qemu+ssh://.',
  }),
  PASSWORD_IN_URI: () => ({
    title: 'Password in the URI',
    hint: "Remove the password from the URI (keep the user, e.g. qemu+ssh://root@host/system). Enter the SSH password in the add-host form's SSH login, or the libvirt SASL password in its SASL login: Ferry seals them in its secret box and never shows or logs them.",
  }),
  EXPORT_PATH_UNWRITABLE: () => ({
    title: 'Cannot save the export there',
    hint: 'Ferry cannot write to that file or folder: export again and choose a folder you can write to (your home folder, for instance).',
  }),
  TIMEOUT: () => ({ title: 'Timed out', hint: 'Try again; if it keeps happening, check the load and the network of the hosts involved.' }),
  INTERNAL: () => ({ title: 'Internal error', hint: 'See the main-process log for what failed.' }),
  DISCONNECTED: () => ({
    title: 'Lost the connection to Ferry',
    hint: 'Ferry may have stopped: the console reconnects when it is back; check the terminal it runs in.',
  }),
  SESSION_REFUSED: () => sessionRefusedWords,
  TLS_CERT_MISSING: (error) =>
    tlsDetailsIn(error.details)?.reason === 'file-invalid'
      ? {
          title: 'TLS certificate file unusable',
          hint: `Replace ${tlsDetailsIn(error.details)?.path ?? 'the file named above'}: it must be PEM, and clientkey.pem the key of clientcert.pem (compare \`openssl x509 -noout -pubkey -in clientcert.pem\` with \`openssl pkey -pubout -in clientkey.pem\`).`,
        }
      : {
          title: 'TLS certificate file missing',
          hint: `Put the file at ${tlsDetailsIn(error.details)?.path ?? 'the path named above'} (cacert.pem, clientcert.pem, clientkey.pem; libvirt's names), or set the host's certificate directory.`,
        },
  TLS_SERVER_UNTRUSTED: (error) =>
    tlsDetailsIn(error.details)?.reason === 'hostname-mismatch'
      ? {
          title: "The host's certificate names another host",
          hint: 'Connect by a name or address the server certificate lists (its SANs), or reissue the certificate with this one.',
        }
      : {
          title: "The host's certificate is not trusted",
          hint: "Use the CA that signed the host's servercert.pem as cacert.pem (or check that the certificate has not expired).",
        },
  TLS_CLIENT_REFUSED: () => ({
    title: 'The host refused our client certificate',
    hint: "Give Ferry a client certificate signed by the host's CA; if the host sets tls_allowed_dn_list in libvirtd.conf, add the certificate's DN there.",
  }),
  TLS_PORT_CLOSED: () => ({
    title: 'Nothing listens on the TLS port',
    hint: 'On the host set listen_tls = 1 in libvirtd.conf and start libvirtd with --listen (or enable libvirtd-tls.socket); check the firewall for port 16514.',
  }),
  MIGRATION_TLS_UNAVAILABLE: () => ({
    title: "QEMU's TLS is not set up for migration",
    hint: 'On both hosts put ca-cert.pem, server-cert.pem, server-key.pem, client-cert.pem, client-key.pem in /etc/pki/qemu (qemu.conf default_tls_x509_cert_dir or migrate_tls_x509_cert_dir), or migrate without encrypting the stream.',
  }),
  DESTINATION_FAILED: () => ({
    title: 'The destination refused',
    hint: "The destination host's libvirt log has the details; check its storage and networks.",
  }),
  STORAGE_COPY_FAILED: () => ({
    title: 'Disk copy failed',
    hint: 'Check the destination datastore (space, permissions) and the migration network.',
  }),
  MEMORY_COPY_FAILED: () => ({ title: 'Memory copy failed', hint: 'Check the migration network between the hosts, then try again.' }),
  SWITCHOVER_FAILED: () => ({ title: 'Switchover failed', hint: 'The Tasks view says where the VM runs now; check it on both hosts.' }),
  LINK_DOWN: () => ({
    title: 'Connection to the host lost',
    hint: 'Check the network between Ferry and the host; the task says where the VM runs.',
  }),
  ABORTED: () => ({ title: 'Aborted by the hypervisor', hint: "The source host's libvirt log says why." }),
  NOT_SUPPORTED: () => ({ title: 'Not supported here', hint: 'This backend cannot do it: choose another kind of move or another host.' }),
  OPERATION_FAILED: () => ({ title: 'The hypervisor refused', hint: "The host's libvirt log has the details." }),
  UNKNOWN: () => ({ title: 'Unknown hypervisor error', hint: "The host's libvirt log has the details." }),
  MIGRATION_URI_MISSING: () => ({
    title: 'No migration URI for the destination',
    hint: 'It was added by a local socket URI, which other hosts cannot dial: in Hosts, remove the host and add it again with the migration URI their libvirtd dials (e.g. qemu+tcp://10.0.0.12/system).',
  }),
  CANCELLED: () => ({ title: 'Cancelled', hint: 'The VM keeps running on its source host.' }),
  WINDOW_CLOSED: () => ({ title: 'Scheduled window closed', hint: 'Give the schedule a longer window or a quieter time.' }),
  INTERRUPTED: () => ({
    title: 'Interrupted while Ferry was stopped',
    hint: 'The task says where the VM runs; start the move again if it is still needed.',
  }),
  VM_MOVED: () => ({ title: 'The VM moved meanwhile', hint: 'Plan the migration again from where the VM runs now.' }),
  NOT_ON_DESTINATION: () => ({ title: 'Not running on the destination', hint: 'Check where the VM runs on both hosts.' }),
  GUEST_NOT_ALIVE: () => ({
    title: 'The guest does not answer',
    hint: 'Check the guest on the destination; Ferry keeps the source copy while one exists.',
  }),
  GUEST_REBOOTED: () => ({
    title: 'The guest rebooted on the way',
    hint: "Check the guest's logs: the move did not keep its running state.",
  }),
  PROGRESS_TIMEOUT: () => ({ title: 'The copy stalled', hint: 'Check the migration network between the hosts.' }),
  COMPLETION_TIMEOUT: () => ({
    title: 'The copy did not converge',
    hint: 'Raise "Give up after" or the bandwidth limit, allow post-copy or auto-converge where they are off, or migrate when the guest is less busy.',
  }),
  UNKNOWN_JOB_STATUS: () => ({ title: 'Unknown job state', hint: 'Check the migration on the source host; Ferry stopped watching it.' }),
  MIGRATION_FAILED: () => ({ title: 'Migration failed', hint: "The source host's libvirt log says why." }),
  CPU_BASELINE_OFF: () => ({
    title: 'No CPU baseline set',
    hint: "Set the cluster's CPU baseline in its summary first, then apply it to the VM.",
  }),
  CPU_BASELINE_NOT_APPLICABLE: () => ({
    title: 'The CPU baseline does not fit',
    hint: 'The message says why (another virt type or arch, a host that cannot run the model, a transient guest): choose a lower model, or move the VM to a host that meets the baseline first.',
  }),
  GUEST_SHUTDOWN_TIMEOUT: () => ({
    title: 'The guest did not shut down',
    hint: 'It still runs where it was and nothing moved. Shut it down from inside the guest (check its agent or ACPI support), or force a power off: the guest then loses what it has not written to disk.',
  }),
};

const isExplained = (code: string): code is ErrorCode => Object.hasOwn(explanations, code);

/** SWITCHOVER_FAILED → "Switchover failed": a code nobody explained yet still makes a title. */
const titleOf = (code: string | null): string => {
  if (code === null) return 'Unexpected error';
  const words = code.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** Switches on the error's code; never parses its message. */
export function describeError(error: unknown): ErrorDescription {
  const failure = asErrorLike(error);
  const explained = failure.code !== null && isExplained(failure.code) ? explanations[failure.code](failure) : undefined;
  // The error's own hint (a task's) knows the case; the code's hint only knows the kind.
  const hint = failure.hint ?? explained?.hint;
  return {
    code: failure.code,
    title: explained?.title ?? titleOf(failure.code),
    body: failure.message,
    items: explained?.items ?? [],
    ...(hint ? { hint } : {}),
  };
}

/** The `endpoint` a NOT_LIBVIRT error names (host:port), if it names one. */
function endpointIn(details: unknown): string | null {
  const endpoint = typeof details === 'object' && details !== null ? (details as { endpoint?: unknown }).endpoint : undefined;
  return typeof endpoint === 'string' ? endpoint : null;
}
