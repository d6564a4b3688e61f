# shellcheck shell=bash
# Writes $LAB_JSON: the one file tests and the app read to find the lab. Schema: README.md.
# Guests can move (migration), so "host" is where each guest ran when the file was written;
# code that migrates should ask libvirt, not trust this field.

lab_json_write() {
  local tmp h g first pid loc ghost uuid qpid disk
  tmp=$(mktemp "$LAB_DIR/lab.json.XXXXXX")
  {
    printf '{\n  "version": 1,\n'
    printf '  "writtenAt": %s,\n' "$(json_str "$(date -u +%Y-%m-%dT%H:%M:%SZ)")"
    printf '  "labDir": %s,\n' "$(json_str "$LAB_DIR")"
    printf '  "network": {"bridge": %s, "bridgeIp": %s, "prefix": %s, "subnet": %s},\n' \
      "$(json_str "$LAB_BRIDGE")" "$(json_str "$LAB_BRIDGE_IP")" "$LAB_PREFIX" "$(json_str "$LAB_SUBNET")"
    printf '  "guestImage": {"kernel": %s, "kernelFormat": %s, "initrd": %s, "kernelVersion": %s},\n' \
      "$(json_str "$GUEST_DIR/kernel")" "$(json_str "$(cat "$GUEST_DIR/kernel-format")")" \
      "$(json_str "$GUEST_DIR/initramfs.gz")" "$(json_str "$(cat "$GUEST_DIR/kernel-version")")"
    printf '  "storage": {\n'
    printf '    "shared": {"pool": "shared", "path": %s},\n' "$(json_str "$SHARED_DIR")"
    printf '    "local": {"pool": "local", "path": %s}\n  },\n' "$(json_str "$LOCAL_POOL_PATH")"

    printf '  "hosts": [\n'
    first=1
    for h in "${HOSTS[@]}"; do
      ((first)) || printf ',\n'
      first=0
      pid=$(host_pid "$h")
      printf '    {"name": %s, "ip": %s, "netns": %s, "hostUuid": %s,\n' \
        "$(json_str "$h")" "$(json_str "${HOST_IP[$h]}")" "$(json_str "$h")" \
        "$(json_str "$(cat "$(host_dir "$h")/host-uuid")")"
      printf '     "socket": %s, "unixUri": %s, "tcpUri": %s,\n' \
        "$(json_str "$(host_socket "$h")")" "$(json_str "$(host_unix_uri "$h")")" \
        "$(json_str "$(host_tcp_uri "$h")")"
      if [[ "$h" == "$SSH_HOST" ]]; then
        printf '     "sshUri": %s,\n' "$(json_str "$(ssh_uri)")"
      else
        printf '     "sshUri": null,\n'
      fi
      printf '     "localPoolDir": %s, "stateDir": %s,\n' \
        "$(json_str "$(local_pool_root_path "$h" "")")" "$(json_str "$(host_dir "$h")")"
      printf '     "libvirtdPid": %s, "veth": %s}' "${pid:-null}" "$(json_str "${HOST_VETH[$h]}")"
    done
    printf '\n  ],\n'

    printf '  "guests": [\n'
    first=1
    for g in "${GUESTS[@]}"; do
      ((first)) || printf ',\n'
      first=0
      loc=$(guest_locate "$g")
      ghost=${loc%% *}
      uuid=
      qpid=
      if [[ -n "$ghost" ]]; then
        uuid=$(hvirsh "$ghost" domuuid "$g" 2>/dev/null | sed -n 1p || true)
        qpid=$(read_pidfile "$(host_dir "$ghost")/run/libvirt/qemu/$g.pid")
      fi
      if [[ "${GUEST_POOL[$g]}" == shared ]]; then
        disk=$(guest_disk_path "$g")
      else
        disk=$(local_pool_root_path "${ghost:-${GUEST_HOME[$g]}}" "$g.qcow2")
      fi
      printf '    {"name": %s, "uuid": %s, "ip": %s, "mac": %s, "probePort": %s,\n' \
        "$(json_str "$g")" "$(json_str "$uuid")" "$(json_str "${GUEST_IP[$g]}")" \
        "$(json_str "${GUEST_MAC[$g]}")" "$PROBE_PORT"
      printf '     "homeHost": %s, "host": %s, "storage": %s, "pool": %s,\n' \
        "$(json_str "${GUEST_HOME[$g]}")" "$(json_str "$ghost")" \
        "$(json_str "${GUEST_POOL[$g]}")" "$(json_str "${GUEST_POOL[$g]}")"
      printf '     "diskPath": %s, "diskPathFromRoot": %s, "memoryMiB": %s, "qemuPid": %s}' \
        "$(json_str "$(guest_disk_path "$g")")" "$(json_str "$disk")" "$GUEST_MEMORY_MIB" "${qpid:-null}"
    done
    printf '\n  ],\n'

    printf '  "ssh": {"host": %s, "hostName": %s, "port": 22, "user": "root",\n' \
      "$(json_str "${HOST_IP[$SSH_HOST]}")" "$(json_str "$SSH_HOST")"
    printf '          "privateKey": %s, "publicKey": %s,\n' \
      "$(json_str "$SSH_DIR/id_ed25519")" "$(json_str "$SSH_DIR/id_ed25519.pub")"
    printf '          "knownHosts": %s, "hostPublicKey": %s,\n' \
      "$(json_str "$SSH_DIR/known_hosts")" "$(json_str "$(cut -d' ' -f1,2 "$SSH_DIR/ssh_host_ed25519_key.pub")")"
    printf '          "sshCommand": %s, "uri": %s,\n' "$(json_str "$SSH_DIR/ssh")" "$(json_str "$(ssh_uri)")"
    printf '          "libsshUri": %s, "libssh2Uri": %s},\n' \
      "$(json_str "$(ssh_uri_lib libssh)")" "$(json_str "$(ssh_uri_lib libssh2)")"

    printf '  "tls": %s,\n' "$(tls_json)"
    auth_host_json
    printf '  "pids": {"libvirtd": {'
    first=1
    for h in "${HOSTS[@]}"; do
      ((first)) || printf ', '
      first=0
      pid=$(host_pid "$h")
      printf '%s: %s' "$(json_str "$h")" "${pid:-null}"
    done
    pid=$(read_pidfile "$STATE_DIR/sshd.pid")
    printf '}, "sshd": %s},\n' "${pid:-null}"

    printf '  "created": {"netns": ['
    first=1
    for h in "${HOSTS[@]}"; do
      [[ -e "$STATE_DIR/netns.$h" ]] || continue
      ((first)) || printf ', '
      first=0
      json_str "$h"
    done
    printf '], "links": ['
    first=1
    if [[ -e "$STATE_DIR/bridge.$LAB_BRIDGE" ]]; then json_str "$LAB_BRIDGE"; first=0; fi
    for h in "${HOSTS[@]}"; do
      [[ -e "$STATE_DIR/link.${HOST_VETH[$h]}" ]] || continue
      ((first)) || printf ', '
      first=0
      json_str "${HOST_VETH[$h]}"
    done
    printf '], "user": '
    if [[ -e "$STATE_DIR/created-user-$LIBVIRT_QEMU_USER" ]]; then json_str "$LIBVIRT_QEMU_USER"; else printf 'null'; fi
    printf '}\n}\n'
  } >"$tmp"
  mv "$tmp" "$LAB_JSON"
  chmod 644 "$LAB_JSON"
}
