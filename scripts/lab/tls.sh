# shellcheck shell=bash
# TLS on the lab: a lab CA, and on $TLS_HOSTS (h1, h2) a libvirtd TLS listener on <ip>:16514
# (listen_tls, auth_tls "none", client certificates required) plus QEMU's TLS certificates
# (qemu.conf default_tls_x509_cert_dir) so VIR_MIGRATE_TLS works between them. h3 gets neither:
# it is the host whose QEMU has no TLS. The unix sockets and qemu+tcp listeners stay as they were.
#
#   $TLS_DIR/client/        Ferry's client pki dir (libvirt's names: cacert, clientcert, clientkey)
#   $TLS_DIR/untrusting/    our client cert, but another CA as cacert.pem (servers are not trusted)
#   $TLS_DIR/rogue-client/  the lab CA, and a client cert the rogue CA signed (libvirtd refuses it)
#   $TLS_DIR/<host>/libvirt, $TLS_DIR/<host>/qemu   each TLS host's server side
# Made with certtool (gnutls-bin) at `up` when missing or made for other addresses; `down` removes them.

TLS_HOSTS=(ferry-lab-h1 ferry-lab-h2)
TLS_DIR="$LAB_DIR/tls"
TLS_PORT=16514

is_tls_host() {
  local x
  for x in "${TLS_HOSTS[@]}"; do [[ "$x" == "$1" ]] && return 0; done
  return 1
}

host_tls_uri() { printf 'qemu+tls://%s/system' "${HOST_IP[$1]}"; }

# certtool <key> <template text> <out> [ca-cert ca-key]: a key and a certificate (self-signed without a CA).
tls_issue() {
  local key=$1 template=$2 out=$3 ca=${4:-} cakey=${5:-} info
  info=$(mktemp "$TLS_DIR/template.XXXXXX")
  printf '%s\nexpiration_days = 3650\n' "$template" >"$info"
  # RSA: libvirt insists on key encipherment, which certtool does not set for ECDSA keys.
  certtool --generate-privkey --outfile "$key" 2>/dev/null
  if [[ -z "$ca" ]]; then
    certtool --generate-self-signed --load-privkey "$key" --template "$info" --outfile "$out" 2>/dev/null
  else
    certtool --generate-certificate --load-privkey "$key" --load-ca-certificate "$ca" \
      --load-ca-privkey "$cakey" --template "$info" --outfile "$out" 2>/dev/null
  fi
  rm -f "$info"
}

tls_stamp() {
  local h
  printf 'v2'
  for h in "${TLS_HOSTS[@]}"; do printf ' %s=%s' "$h" "${HOST_IP[$h]}"; done
}

tls_up() {
  command -v certtool >/dev/null || die "certtool missing (apt-get install gnutls-bin)"
  [[ "$(cat "$TLS_DIR/stamp" 2>/dev/null)" == "$(tls_stamp)" ]] && return 0
  log "tls: making the lab CA and certificates in $TLS_DIR"
  rm -rf "$TLS_DIR"
  mkdir -p "$TLS_DIR"/{ca,rogue-ca,client,untrusting,rogue-client}
  chmod 700 "$TLS_DIR"
  local ca=$TLS_DIR/ca/cacert.pem cakey=$TLS_DIR/ca/cakey.pem h ip d
  tls_issue "$cakey" $'cn = Ferry Lab CA\nca\ncert_signing_key' "$ca"
  tls_issue "$TLS_DIR/rogue-ca/cakey.pem" $'cn = Rogue CA\nca\ncert_signing_key' "$TLS_DIR/rogue-ca/cacert.pem"
  local client=$'organization = Ferry Lab\ncn = ferry-console\ntls_www_client\nencryption_key\nsigning_key'
  tls_issue "$TLS_DIR/client/clientkey.pem" "$client" "$TLS_DIR/client/clientcert.pem" "$ca" "$cakey"
  cp "$ca" "$TLS_DIR/client/cacert.pem"
  cp "$TLS_DIR/rogue-ca/cacert.pem" "$TLS_DIR/untrusting/cacert.pem"
  cp "$TLS_DIR/client/clientcert.pem" "$TLS_DIR/client/clientkey.pem" "$TLS_DIR/untrusting/"
  tls_issue "$TLS_DIR/rogue-client/clientkey.pem" "$client" "$TLS_DIR/rogue-client/clientcert.pem" \
    "$TLS_DIR/rogue-ca/cacert.pem" "$TLS_DIR/rogue-ca/cakey.pem"
  cp "$ca" "$TLS_DIR/rogue-client/cacert.pem"
  for h in "${TLS_HOSTS[@]}"; do
    ip=${HOST_IP[$h]}
    d=$TLS_DIR/$h
    mkdir -p "$d/libvirt" "$d/qemu"
    # One certificate per host for both ends: libvirtd's server, and QEMU as migration server
    # (destination) and client (source; QEMU verifies clients by default).
    tls_issue "$d/libvirt/serverkey.pem" \
      "$(printf 'organization = Ferry Lab\ncn = %s\ndns_name = %s\nip_address = %s\ntls_www_server\ntls_www_client\nencryption_key\nsigning_key' "$h" "$h" "$ip")" \
      "$d/libvirt/servercert.pem" "$ca" "$cakey"
    cp "$ca" "$d/libvirt/cacert.pem"
    cp "$ca" "$d/qemu/ca-cert.pem"
    cp "$d/libvirt/servercert.pem" "$d/qemu/server-cert.pem"
    cp "$d/libvirt/serverkey.pem" "$d/qemu/server-key.pem"
    cp "$d/libvirt/servercert.pem" "$d/qemu/client-cert.pem"
    cp "$d/libvirt/serverkey.pem" "$d/qemu/client-key.pem"
  done
  tls_stamp >"$TLS_DIR/stamp"
}

# Called by host_config once the host's libvirtd.conf and qemu.conf are written: TLS hosts listen
# on $TLS_PORT too and give QEMU its certificates. (libvirt's config takes a key's FIRST value, so
# listen_tls is switched in place rather than appended.)
tls_host_config() {
  local h=$1 dir=$2 d
  is_tls_host "$h" || return 0
  d=$TLS_DIR/$h
  sed -i 's/^listen_tls = 0$/listen_tls = 1/' "$dir/etc-libvirt/libvirtd.conf"
  cat >>"$dir/etc-libvirt/libvirtd.conf" <<EOF
# TLS (scripts/lab/tls.sh): client certificates signed by the lab CA, no further auth
tls_port = "$TLS_PORT"
auth_tls = "none"
ca_file = "$d/libvirt/cacert.pem"
cert_file = "$d/libvirt/servercert.pem"
key_file = "$d/libvirt/serverkey.pem"
EOF
  cat >>"$dir/etc-libvirt/qemu.conf" <<EOF
# TLS for migration streams (VIR_MIGRATE_TLS; scripts/lab/tls.sh)
default_tls_x509_cert_dir = "$d/qemu"
default_tls_x509_verify = 1
EOF
}

tls_down() {
  rm -rf "$TLS_DIR"
}

# The "tls" object of lab.json.
tls_json() {
  local h first=1
  printf '{"port": %s, "clientPkiDir": %s, "untrustingPkiDir": %s, "rogueClientPkiDir": %s,\n' "$TLS_PORT" \
    "$(json_str "$TLS_DIR/client")" "$(json_str "$TLS_DIR/untrusting")" "$(json_str "$TLS_DIR/rogue-client")"
  printf '          "hosts": {'
  for h in "${TLS_HOSTS[@]}"; do
    ((first)) || printf ', '
    first=0
    printf '%s: {"uri": %s, "qemuCertDir": %s}' "$(json_str "$h")" "$(json_str "$(host_tls_uri "$h")")" \
      "$(json_str "$TLS_DIR/$h/qemu")"
  done
  printf '}}'
}
