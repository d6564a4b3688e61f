# shellcheck shell=bash
# The lab "hosts": one network namespace per host, joined at L2 by a bridge in the root
# namespace, each running its own libvirtd in a private mount + UTS namespace.
#
#   root ns:  ferrylab0 (10.77.0.1/24) --- flab-h1 <veth> eth0 [ns ferry-lab-h1] -- br0 10.77.0.11
#                                      --- flab-h2 <veth> eth0 [ns ferry-lab-h2] -- br0 10.77.0.12
#                                      --- flab-h3 <veth> eth0 [ns ferry-lab-h3] -- br0 10.77.0.13
# Guests plug a tap into their host's br0, so a guest keeps its MAC/IP on whichever host it runs.

# Debian's libvirtd refuses to start without this user even when qemu.conf says root.
ensure_libvirt_qemu_user() {
  if getent passwd "$LIBVIRT_QEMU_USER" >/dev/null; then
    return 0
  fi
  log "creating system user $LIBVIRT_QEMU_USER (libvirtd needs it; removed again by down)"
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin --comment "$LIBVIRT_QEMU_USER_COMMENT" "$LIBVIRT_QEMU_USER"
  touch "$STATE_DIR/created-user-$LIBVIRT_QEMU_USER"
}

remove_libvirt_qemu_user() {
  # Only a user this lab created: the marker says so, or (if .lab was wiped) its comment does.
  local comment
  comment=$(getent passwd "$LIBVIRT_QEMU_USER" | cut -d: -f5 || true)
  if [[ -e "$STATE_DIR/created-user-$LIBVIRT_QEMU_USER" || "$comment" == "$LIBVIRT_QEMU_USER_COMMENT" ]]; then
    if getent passwd "$LIBVIRT_QEMU_USER" >/dev/null; then
      log "removing system user $LIBVIRT_QEMU_USER (created by the lab)"
      userdel "$LIBVIRT_QEMU_USER" || log "userdel $LIBVIRT_QEMU_USER failed"
      # --user-group made a group of the same name; userdel removes it on Debian, but be sure.
      if getent group "$LIBVIRT_QEMU_USER" >/dev/null; then groupdel "$LIBVIRT_QEMU_USER" || true; fi
    fi
    rm -f "$STATE_DIR/created-user-$LIBVIRT_QEMU_USER"
  fi
}

# Note: no `cmd | grep -q` in these scripts: grep -q exits at the first match, the writer may
# die of SIGPIPE, and with pipefail the pipeline then reads as "no match".
netns_exists() {
  local names
  names=$(ip netns list 2>/dev/null | awk '{ print $1 }')
  grep -qxF -- "$1" <<<"$names"
}

net_up() {
  if ! ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then
    # Refuse to shadow a route the machine already uses.
    local routes
    routes=$(ip -4 route show to match "$LAB_BRIDGE_IP" | grep -v '^default' || true)
    [[ -z "$routes" ]] || die "$LAB_SUBNET overlaps an existing route: $routes"
    log "net: bridge $LAB_BRIDGE $LAB_BRIDGE_IP/$LAB_PREFIX"
    ip link add "$LAB_BRIDGE" type bridge forward_delay 0 stp_state 0
    touch "$STATE_DIR/bridge.$LAB_BRIDGE"
    ip addr add "$LAB_BRIDGE_IP/$LAB_PREFIX" dev "$LAB_BRIDGE"
    ip link set "$LAB_BRIDGE" up
  fi
  # A bridge takes the lowest MAC of its ports unless given one: a port added later (the auth
  # host's veth) would change the MAC behind $LAB_BRIDGE_IP under every neighbour's ARP cache.
  ip link set "$LAB_BRIDGE" address "$(lab_mac "${LAB_BRIDGE_IP##*.}")"
  local h veth ip
  for h in "${HOSTS[@]}"; do
    veth=${HOST_VETH[$h]}
    ip=${HOST_IP[$h]}
    if ! netns_exists "$h"; then
      ip netns add "$h"
    fi
    touch "$STATE_DIR/netns.$h" # a netns with this name is ours (the ferry-lab- prefix)
    if ! ip link show "$veth" >/dev/null 2>&1; then
      log "net: $h ($ip) via veth $veth"
      ip -n "$h" link del eth0 2>/dev/null || true
      ip link add "$veth" type veth peer name eth0 netns "$h"
      touch "$STATE_DIR/link.$veth"
    fi
    ip link set "$veth" master "$LAB_BRIDGE" up
    ip -n "$h" link set lo up
    if ! ip -n "$h" link show br0 >/dev/null 2>&1; then
      ip -n "$h" link add br0 type bridge forward_delay 0 stp_state 0
    fi
    ip -n "$h" link set eth0 master br0 up
    # Its own MAC, not its lowest port's: a guest's tap (fe:54:…) arriving or leaving would change
    # the MAC behind the host's address, and the next connection to it find "No route to host".
    ip -n "$h" link set br0 address "$(lab_mac "${ip##*.}")"
    if [[ "$(ip -n "$h" -4 addr show dev br0)" != *"$ip/$LAB_PREFIX"* ]]; then
      ip -n "$h" addr add "$ip/$LAB_PREFIX" dev br0
    fi
    ip -n "$h" link set br0 up
  done
}

net_down() {
  local h veth
  for h in "${HOSTS[@]}"; do
    veth=${HOST_VETH[$h]}
    # Deleting the namespace also deletes its end of the veth (and so the root-side end).
    if [[ -e "$STATE_DIR/netns.$h" ]] && netns_exists "$h"; then
      log "net: deleting netns $h"
      ip netns del "$h"
    fi
    rm -f "$STATE_DIR/netns.$h"
    if [[ -e "$STATE_DIR/link.$veth" ]] && ip link show "$veth" >/dev/null 2>&1; then
      ip link del "$veth" || true
    fi
    rm -f "$STATE_DIR/link.$veth"
  done
  if [[ -e "$STATE_DIR/bridge.$LAB_BRIDGE" ]] && ip link show "$LAB_BRIDGE" >/dev/null 2>&1; then
    log "net: deleting bridge $LAB_BRIDGE"
    ip link del "$LAB_BRIDGE"
  fi
  rm -f "$STATE_DIR/bridge.$LAB_BRIDGE"
}

# Writes the host's private /etc/libvirt and the /run and /var skeletons.
host_config() {
  local h=$1 dir ip uuid
  dir=$(host_dir "$h")
  ip=${HOST_IP[$h]}
  mkdir -p "$dir"/etc-libvirt "$dir"/run/{libvirt,lock} \
    "$dir"/var/{lib/libvirt/images,log/libvirt/qemu,cache/libvirt,tmp}
  chmod 1777 "$dir/var/tmp"
  ln -sfn /run "$dir/var/run"
  ln -sfn /run/lock "$dir/var/lock"
  # libvirt refuses to migrate between hosts with the same UUID, and without SMBIOS data
  # every host would derive the same one: give each its own, stable while the lab is up.
  [[ -s "$dir/host-uuid" ]] || cat /proc/sys/kernel/random/uuid >"$dir/host-uuid"
  uuid=$(cat "$dir/host-uuid")

  cat >"$dir/etc-libvirt/libvirtd.conf" <<EOF
# ferry lab host $h (generated by scripts/lab/hosts.sh)
listen_tls = 0
listen_tcp = 1
listen_addr = "$ip"
tcp_port = "16509"
auth_tcp = "none"
auth_unix_ro = "none"
auth_unix_rw = "none"
unix_sock_group = "root"
unix_sock_ro_perms = "0777"
unix_sock_rw_perms = "0770"
host_uuid = "$uuid"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
  cat >"$dir/etc-libvirt/qemu.conf" <<EOF
# ferry lab host $h (generated by scripts/lab/hosts.sh)
user = "root"
group = "root"
# Files (kernel, initramfs, shared disks) are shared between hosts: never chown/xattr them.
dynamic_ownership = 0
remember_owner = 0
security_driver = "none"
cgroup_controllers = [ ]
namespaces = [ ]
# No virtlogd in the lab: QEMU writes its logs directly.
stdio_handler = "file"
# All hosts share one machine (and one kernel hostname): without these the source would
# tell QEMU to send the migration stream to itself.
migration_address = "$ip"
migration_host = "$ip"
EOF
  tls_host_config "$h" "$dir" # TLS listener and QEMU certificates on the TLS hosts (tls.sh)
  # Client-side defaults inside the host (used by virt-ssh-helper via sshd on $SSH_HOST).
  cp /etc/libvirt/libvirt.conf "$dir/etc-libvirt/libvirt.conf" 2>/dev/null || true

  # Each host has its own hostname (UTS namespace); make all lab names resolvable inside the
  # lab (libvirtd looks its own name up, and qemu+tcp://ferry-lab-h2/ then works in the lab).
  {
    cat /etc/hosts
    echo "# ferry lab"
    local x
    for x in "${HOSTS[@]}"; do echo "${HOST_IP[$x]} $x"; done
  } >"$dir/hosts"

  # libvirtd probes each QEMU binary at first start (~4 s each, and the probes of several
  # hosts run one after another). All hosts run the same binaries on the same machine, so
  # they can share one result; libvirtd re-probes by itself if a cached file is stale.
  local caps=$dir/var/cache/libvirt/qemu/capabilities
  if compgen -G "$CAPS_CACHE/*.xml" >/dev/null; then
    mkdir -p "$caps"
    cp -n "$CAPS_CACHE"/*.xml "$caps/"
  fi
}

caps_save() {
  local caps
  caps=$(host_dir "$1")/var/cache/libvirt/qemu/capabilities
  compgen -G "$caps/*.xml" >/dev/null || return 0
  mkdir -p "$CAPS_CACHE"
  cp "$caps"/*.xml "$CAPS_CACHE/"
}

# Starts every host's libvirtd. The first host alone when there is no capabilities cache yet,
# so the others can start from its probe results instead of each probing for itself.
hosts_up() {
  local h started=()
  if ! compgen -G "$CAPS_CACHE/*.xml" >/dev/null && ! host_running "${HOSTS[0]}"; then
    host_start "${HOSTS[0]}"
    host_wait "${HOSTS[0]}"
    caps_save "${HOSTS[0]}"
  fi
  for h in "${HOSTS[@]}"; do
    if host_running "$h"; then
      log "host $h: libvirtd running (pid $(host_pid "$h"))"
    else
      host_start "$h"
      started+=("$h")
    fi
  done
  for h in "${started[@]+"${started[@]}"}"; do host_wait "$h"; done
  caps_save "${HOSTS[0]}"
}

host_running() {
  local h=$1 pid
  pid=$(host_pid "$h")
  pid_matches "$pid" "$(host_dir "$h")/"
}

host_start() {
  local h=$1 dir pid
  dir=$(host_dir "$h")
  host_config "$h"
  rm -f "$dir/run/libvirtd.pid" "$dir/run/libvirt/libvirt-sock"
  log "host $h: starting libvirtd"
  # ip netns exec and unshare both exec (no fork), so $! ends up being libvirtd itself.
  setsid ip netns exec "$h" unshare --mount --uts --propagation private -- \
    "$LAB_SCRIPTS/host-init.sh" "$h" "$dir" </dev/null >"$dir/libvirtd.out" 2>&1 &
  pid=$!
  echo "$pid" >"$STATE_DIR/libvirtd.$h.pid"
}

host_wait() {
  local h=$1 dir pid i
  dir=$(host_dir "$h")
  pid=$(host_pid "$h")
  for ((i = 0; i < 600; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$dir/libvirtd.out" "$dir/var/log/libvirt/libvirtd.log" >&2 2>/dev/null || true
      die "host $h: libvirtd exited during startup (logs above)"
    fi
    if [[ -S "$(host_socket "$h")" ]] && hvirsh "$h" version >/dev/null 2>&1; then
      [[ "$(read_pidfile "$dir/run/libvirtd.pid")" == "$pid" ]] ||
        die "host $h: libvirtd pid file says $(read_pidfile "$dir/run/libvirtd.pid"), expected $pid"
      log "host $h: libvirtd ready (pid $pid, socket $(host_socket "$h"))"
      return 0
    fi
    sleep 0.2
  done
  die "host $h: libvirtd not ready after 120 s (see $dir/var/log/libvirt/libvirtd.log)"
}

# Kills the guests' QEMU processes that survived their libvirtd (e.g. after a crash). We
# started them (through our libvirtd); the marker check makes sure the PID still is one.
host_kill_stray_qemu() {
  local h=$1 f pid
  for f in "$(host_dir "$h")"/run/libvirt/qemu/*.pid; do
    [[ -e "$f" ]] || continue
    pid=$(read_pidfile "$f")
    stop_pid "$pid" "$GUEST_DIR/kernel" "stray qemu $(basename "$f" .pid) on $h"
  done
}

host_stop() {
  local h=$1 pid
  pid=$(host_pid "$h")
  stop_pid "$pid" "$(host_dir "$h")/" "libvirtd of $h"
  rm -f "$STATE_DIR/libvirtd.$h.pid"
}
