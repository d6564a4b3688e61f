import { TextField } from '@mui/material';

/** qemu+tls://: where Ferry finds this host's CA and its own client certificate (libvirt's file names). */
export function TlsCertificateField({ value, onChange }: { value: string; onChange(dir: string): void }) {
  const invalid = value !== '' && !/^(\/|~\/)/.test(value);
  return (
    <TextField
      label="Certificate directory (optional)"
      placeholder="/etc/ferry/pki/host1"
      value={value}
      error={invalid}
      onChange={(e) => onChange(e.target.value.trim())}
      helperText={
        invalid
          ? 'An absolute path (or one under ~/) on the machine Ferry runs on.'
          : "Holds cacert.pem, clientcert.pem and clientkey.pem. Empty: libvirt's defaults (/etc/pki/CA and /etc/pki/libvirt as root, else ~/.pki/libvirt), or the URI's pkipath=."
      }
    />
  );
}
