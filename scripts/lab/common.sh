# shellcheck shell=bash
# Shared constants and helpers for the Ferry lab. Sourced by lab.sh; never run directly.
#
# Everything the lab creates is named here, so `down` can remove exactly that and nothing else.

LAB_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$LAB_SCRIPTS/../.." && pwd)"
# FERRY_LAB_DIR lets CI put the state elsewhere (unix socket paths must stay < 108 bytes).
LAB_DIR="${FERRY_LAB_DIR:-$REPO_ROOT/.lab}"
GUEST_DIR="$LAB_DIR/guest"          # built kernel + initramfs (cache, kept by `down`)
CAPS_CACHE="$LAB_DIR/cache/qemu-capabilities" # libvirt's QEMU probe results (cache, kept)
HOSTS_DIR="$LAB_DIR/hosts"          # per-host /etc/libvirt, /run, /var
SHARED_DIR="$LAB_DIR/shared-storage" # the "shared" pool: same absolute path on every host
SSH_DIR="$LAB_DIR/ssh"
STATE_DIR="$LAB_DIR/state"          # what this lab created: markers and PID files
LAB_JSON="$LAB_DIR/lab.json"

# The L2 segment joining all hosts and guests. The bridge lives in the root namespace so the
# console (running in the root namespace) reaches every host and guest directly.
LAB_BRIDGE=ferrylab0
LAB_BRIDGE_IP=10.77.0.1
LAB_PREFIX=24
LAB_SUBNET=10.77.0.0/24

HOSTS=(ferry-lab-h1 ferry-lab-h2 ferry-lab-h3)
declare -A HOST_IP=([ferry-lab-h1]=10.77.0.11 [ferry-lab-h2]=10.77.0.12 [ferry-lab-h3]=10.77.0.13)
# Root-side veth names (IFNAMSIZ is 16, so keep them short). The namespace side is always eth0.
declare -A HOST_VETH=([ferry-lab-h1]=flab-h1 [ferry-lab-h2]=flab-h2 [ferry-lab-h3]=flab-h3)
SSH_HOST=ferry-lab-h3 # the one host that also runs sshd

GUESTS=(lab-vm1 lab-vm2 lab-vm3)
declare -A GUEST_IP=([lab-vm1]=10.77.0.21 [lab-vm2]=10.77.0.22 [lab-vm3]=10.77.0.23)
declare -A GUEST_MAC=([lab-vm1]=52:54:00:77:00:21 [lab-vm2]=52:54:00:77:00:22 [lab-vm3]=52:54:00:77:00:23)
declare -A GUEST_HOME=([lab-vm1]=ferry-lab-h1 [lab-vm2]=ferry-lab-h1 [lab-vm3]=ferry-lab-h2)
declare -A GUEST_POOL=([lab-vm1]=shared [lab-vm2]=local [lab-vm3]=shared)
GUEST_MEMORY_MIB=256
GUEST_DISK_SIZE=64M
PROBE_PORT=7777

# Per-host local pool path, as seen INSIDE the host's mount namespace. /var is bind-mounted per
# host, so this one path names a different directory on every host: that is what "local" means.
LOCAL_POOL_PATH=/var/lib/libvirt/images

LIBVIRT_QEMU_USER=libvirt-qemu
LIBVIRT_QEMU_USER_COMMENT="ferry-lab (created by scripts/lab, removed by lab.sh down)"

log() { printf '[lab %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { printf '[lab] ERROR: %s\n' "$*" >&2; exit 1; }

host_dir() { printf '%s/%s' "$HOSTS_DIR" "$1"; }
# The unix socket of a host as seen from the root namespace (its /run is a bind of this dir).
host_socket() { printf '%s/run/libvirt/libvirt-sock' "$(host_dir "$1")"; }
host_unix_uri() { printf 'qemu+unix:///system?socket=%s' "$(host_socket "$1")"; }
# A fixed, locally administered MAC for the lab's bridges, by the last octet of their address.
lab_mac() { printf '02:77:00:00:00:%02x' "$1"; }
host_tcp_uri() { printf 'qemu+tcp://%s/system' "${HOST_IP[$1]}"; }

# virsh against one lab host through its unix socket (works from the root namespace).
hvirsh() {
  local host=$1
  shift
  virsh -q -c "$(host_unix_uri "$host")" "$@"
}

# A PID is "ours" only if it is alive and its command line contains the expected marker (a
# path inside .lab). This guards against killing an unrelated process that reused the PID.
pid_matches() {
  local pid=$1 marker=$2
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r /proc/$pid/cmdline ]] || return 1
  local cmd
  cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
  [[ "$cmd" == *"$marker"* ]]
}

# Stop a process we started: TERM, wait, then KILL. Only if pid_matches.
stop_pid() {
  local pid=$1 marker=$2 what=$3 i
  pid_matches "$pid" "$marker" || return 0
  log "stopping $what (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    pid_matches "$pid" "$marker" || return 0
    sleep 0.1
  done
  log "$what (pid $pid) ignored TERM, sending KILL"
  kill -KILL "$pid" 2>/dev/null || true
  sleep 0.2
}

read_pidfile() { [[ -s "$1" ]] && tr -dc '0-9' <"$1" || true; }

# Run a command inside a host's namespaces (net + mount + uts), entered through its libvirtd.
# Needed for anything that must see the host's private /run or /var (e.g. sshd).
host_pid() { read_pidfile "$STATE_DIR/libvirtd.$1.pid"; }
in_host() {
  local host=$1 pid
  shift
  pid=$(host_pid "$host")
  pid_matches "$pid" "$(host_dir "$host")/" || die "libvirtd of $host is not running"
  nsenter -t "$pid" -n -m -u -- "$@"
}

# Ask a guest's probe (TCP $PROBE_PORT) for its one-line answer. Runs inside a lab host's
# network namespace on purpose: there is no default route there, so a probe can never leave
# the machine even if the lab network is half torn down.
probe_guest() {
  local ip=$1 ns=${2:-${HOSTS[0]}}
  ip netns exec "$ns" busybox nc -w "${PROBE_TIMEOUT:-2}" "$ip" "$PROBE_PORT" </dev/null 2>/dev/null | sed -n 1p
}

json_str() {
  # Minimal JSON string escaping (our values are paths, names and UUIDs).
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
