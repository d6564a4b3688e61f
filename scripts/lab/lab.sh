#!/bin/bash
# Ferry lab: three real libvirt hosts (network + mount namespaces) with tiny TCG guests on
# this one machine, for testing live migration end to end. See scripts/lab/README.md.
#
#   bash scripts/lab/lab.sh [up]      build/start everything (idempotent), write .lab/lab.json
#   bash scripts/lab/lab.sh down      remove everything the lab created (keeps the built guest)
#   bash scripts/lab/lab.sh status    show what runs
#   bash scripts/lab/lab.sh probe G   print guest G's probe line (asked from a lab namespace)
#   bash scripts/lab/lab.sh json      rewrite .lab/lab.json (e.g. after migrations)
#   bash scripts/lab/lab.sh diagnose  where each guest is, its boots and crash signs (for CI logs)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=common.sh
source "$here/common.sh"
# shellcheck source=guest.sh
source "$here/guest.sh"
# shellcheck source=hosts.sh
source "$here/hosts.sh"
# shellcheck source=storage.sh
source "$here/storage.sh"
# shellcheck source=guests.sh
source "$here/guests.sh"
# shellcheck source=ssh.sh
source "$here/ssh.sh"
# shellcheck source=tls.sh
source "$here/tls.sh"
# shellcheck source=labjson.sh
source "$here/labjson.sh"
# shellcheck source=auth-host.sh
source "$here/auth-host.sh"

preflight() {
  [[ "$(uname -s)" == Linux ]] || die "the lab needs Linux (network namespaces, bridges)"
  [[ "$(id -u)" == 0 ]] || die "the lab needs root (namespaces, bridges, libvirtd); run it as root"
  local missing=() c
  for c in ip unshare nsenter setsid flock libvirtd virsh qemu-system-x86_64 qemu-img busybox \
    cpio gzip modinfo sshd ssh ssh-keygen useradd userdel certtool; do
    command -v "$c" >/dev/null 2>&1 || [[ -x /usr/sbin/$c ]] || missing+=("$c")
  done
  ((${#missing[@]} == 0)) || die "missing commands: ${missing[*]} (apt-get install qemu-system-x86 qemu-utils libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients busybox-static linux-image-amd64 openssh-server iproute2 cpio gnutls-bin)"
  [[ -c /dev/net/tun ]] || die "/dev/net/tun missing (guests need tap devices)"
  # sun_path is 108 bytes; the host sockets live under .lab.
  local sock
  sock=$(host_socket "${HOSTS[0]}")
  ((${#sock} < 100)) || die "socket path too long (${#sock} bytes): $sock; set FERRY_LAB_DIR to a shorter directory"
}

# One lab.sh at a time. The lock is held by the flock process (-o: not passed on), so the
# daemons we start never inherit it; a lock fd inherited by libvirtd would block the next run.
with_lock() {
  if [[ -z "${FERRY_LAB_LOCKED:-}" ]]; then
    mkdir -p "$LAB_DIR"
    local rc=0
    FERRY_LAB_LOCKED=1 flock -o -w 60 -E 75 "$LAB_DIR/.lock" bash "$here/lab.sh" "$@" || rc=$?
    ((rc != 75)) || die "another lab.sh is running (lock $LAB_DIR/.lock held for 60 s)"
    exit "$rc"
  fi
}

cmd_up() {
  local t0=$SECONDS g h
  trap 'rc=$?; ((rc == 0)) || log "up failed (exit $rc); what was created stays for inspection, remove it with: bash scripts/lab/lab.sh down"' EXIT
  mkdir -p "$STATE_DIR" "$HOSTS_DIR"
  guest_build
  ensure_libvirt_qemu_user
  net_up
  tls_up
  hosts_up
  storage_up
  for g in "${GUESTS[@]}"; do guest_start "$g"; done
  auth_host_up # while the guests boot: the 4th libvirtd, whose sockets ask for a login
  ssh_up # while the guests boot
  guests_wait
  lab_json_write
  log "lab up in $((SECONDS - t0)) s; description: $LAB_JSON"
  for h in "${HOSTS[@]}"; do
    printf '%s  %s  %s\n' "$h" "$(host_unix_uri "$h")" "$(host_tcp_uri "$h")"
  done
  printf 'ssh: %s/ssh %s   (virsh -c "%s")\n' "$SSH_DIR" "${HOST_IP[$SSH_HOST]}" "$(ssh_uri)"
}

# Processes in our namespaces whose command line points into this lab (libvirtd, sshd, QEMU):
# catches what the PID files missed (e.g. a crash between start and record).
kill_lab_processes_in_netns() {
  local h=$1 pid
  netns_exists "$h" || return 0
  for pid in $(ip netns pids "$h" 2>/dev/null); do
    if pid_matches "$pid" "$LAB_DIR/"; then
      stop_pid "$pid" "$LAB_DIR/" "leftover lab process in $h"
    else
      log "warning: pid $pid in netns $h is not a lab process; leaving it alone"
    fi
  done
}

cmd_down() {
  local t0=$SECONDS h
  guests_down
  ssh_down
  auth_host_down
  for h in "${HOSTS[@]}"; do
    host_stop "$h"
    host_kill_stray_qemu "$h"
    kill_lab_processes_in_netns "$h"
  done
  # These names are reserved for the lab: remove them even if .lab/state was lost.
  mkdir -p "$STATE_DIR"
  for h in "${HOSTS[@]}"; do
    if netns_exists "$h"; then touch "$STATE_DIR/netns.$h"; fi
    if ip link show "${HOST_VETH[$h]}" >/dev/null 2>&1; then touch "$STATE_DIR/link.${HOST_VETH[$h]}"; fi
  done
  if ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then touch "$STATE_DIR/bridge.$LAB_BRIDGE"; fi
  net_down
  remove_libvirt_qemu_user
  tls_down
  # Keep the caches ($GUEST_DIR, $CAPS_CACHE): rebuilt only when their inputs change.
  rm -rf "$HOSTS_DIR" "$SHARED_DIR" "$SSH_DIR" "$LAB_JSON" "$LAB_DIR"/*.xml "$LAB_DIR"/guest-build.* "$LAB_DIR"/lab.json.* "$LAB_DIR"/probe.*
  rm -rf "$STATE_DIR"
  log "lab down in $((SECONDS - t0)) s"
}

cmd_status() {
  local h g pid line loc
  printf 'lab dir: %s\n' "$LAB_DIR"
  if ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then
    printf 'bridge %s: up (%s)\n' "$LAB_BRIDGE" "$(ip -4 -br addr show dev "$LAB_BRIDGE" | awk '{print $3}')"
  else
    printf 'bridge %s: absent\n' "$LAB_BRIDGE"
  fi
  for h in "${HOSTS[@]}"; do
    pid=$(host_pid "$h")
    if host_running "$h"; then
      printf 'host %s %s: libvirtd pid %s, socket %s\n' "$h" "${HOST_IP[$h]}" "$pid" "$(host_socket "$h")"
      hvirsh "$h" list --all 2>/dev/null | sed 's/^/    /' || true
    elif netns_exists "$h"; then
      printf 'host %s: netns present, libvirtd NOT running\n' "$h"
    else
      printf 'host %s: absent\n' "$h"
    fi
  done
  if sshd_running; then
    printf 'sshd: pid %s on %s:22\n' "$(read_pidfile "$STATE_DIR/sshd.pid")" "${HOST_IP[$SSH_HOST]}"
  else
    printf 'sshd: not running\n'
  fi
  for g in "${GUESTS[@]}"; do
    if netns_exists "${HOSTS[0]}"; then
      line=$(probe_guest "${GUEST_IP[$g]}" || true)
    else
      line=
    fi
    loc=
    if host_running "${HOSTS[0]}"; then loc=$(guest_locate "$g"); fi
    printf 'guest %s %s on [%s]: %s\n' "$g" "${GUEST_IP[$g]}" "${loc:-none}" "${line:-no answer}"
  done
  [[ -e "$LAB_JSON" ]] && printf 'description: %s\n' "$LAB_JSON"
  return 0
}

# What a failed lab run needs to be understood from its log alone (CI shows only the log): where
# each guest is and why it is in that state, how often it booted, and what its kernel and QEMU
# said that points at a crash. Serial logs are appended across migrations (guests.sh), per host.
cmd_diagnose() {
  local h g f
  printf '== lab diagnosis (%s) ==\n' "$(date -u +%H:%M:%S)"
  printf 'machine: %s; /dev/kvm %s; load %s\n' "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs)" \
    "$([[ -c /dev/kvm ]] && echo present || echo absent)" "$(cut -d' ' -f1-3 /proc/loadavg)"
  for g in "${GUESTS[@]}"; do
    for h in "${HOSTS[@]}"; do
      host_running "$h" || continue
      local st
      st=$(hvirsh "$h" domstate --reason "$g" 2>/dev/null | sed -n 1p || true)
      if [[ -n "$st" ]]; then printf 'guest %s on %s: %s\n' "$g" "$h" "$st"; fi
    done
    printf 'guest %s probe: %s\n' "$g" "$(probe_guest "${GUEST_IP[$g]}" 2>/dev/null || echo 'no answer')"
    # More than one QEMU for a guest means two copies share its MAC and IP: probes then answer at random.
    local pid qemus=
    for pid in $(pgrep -f "qemu-system.*guest=$g," || true); do
      qemus+=" pid $pid in $(ip netns identify "$pid" 2>/dev/null || echo '?') up $(ps -o etimes= -p "$pid" | xargs) s;"
    done
    printf 'guest %s QEMU processes:%s\n' "$g" "${qemus:- none}"
    for h in "${HOSTS[@]}"; do
      f="$HOSTS_DIR/$h/var/log/libvirt/qemu/$g-serial.log"
      if [[ -e "$f" ]]; then
        printf '  %s serial: %s boots; ' "$h" "$(grep -ac 'ferry-init: .* up' "$f")"
        { grep -aE 'panic|Oops|BUG|Out of memory|oom-kill|Killed process|segfault|watchdog|lockup|stall|rror' "$f" || true; } | tail -4 | tr '\n' '|'
        printf '\n'
      fi
      f="$HOSTS_DIR/$h/var/log/libvirt/qemu/$g.log"
      if [[ -e "$f" ]]; then grep -aE 'rror|terminating|shutting down|reset|crash' "$f" | tail -3 | sed "s|^|  $h qemu: |" || true; fi
    done
  done
  return 0
}

cmd_probe() {
  local g=${1:?usage: lab.sh probe <guest name>}
  [[ -n "${GUEST_IP[$g]:-}" ]] || die "unknown guest $g (known: ${GUESTS[*]})"
  netns_exists "${HOSTS[0]}" || die "lab is down"
  local line
  line=$(probe_guest "${GUEST_IP[$g]}" || true)
  [[ -n "$line" ]] || die "$g (${GUEST_IP[$g]}) does not answer"
  printf '%s\n' "$line"
}

main() {
  local cmd=${1:-up}
  preflight
  case "$cmd" in
    up | down | json) with_lock "$cmd" ;;
  esac
  case "$cmd" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    probe) cmd_probe "${2:-}" ;;
    diagnose) cmd_diagnose ;;
    json) lab_json_write; log "wrote $LAB_JSON" ;;
    *) die "usage: lab.sh [up|down|status|probe <guest>|json|diagnose]" ;;
  esac
}

main "$@"
