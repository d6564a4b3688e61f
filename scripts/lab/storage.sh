# shellcheck shell=bash
# Storage pools on every lab host:
#   shared  dir pool at $SHARED_DIR: the same absolute path and the same directory on every
#           host (mount namespaces inherit it), like NFS mounted at one path everywhere.
#   local   dir pool at $LOCAL_POOL_PATH (/var/lib/libvirt/images): one path, but /var is
#           bind-mounted per host, so each host sees its own directory. Seen from the root
#           namespace it is .lab/hosts/<host>/var/lib/libvirt/images.

pool_ensure() {
  local h=$1 pool=$2 path=$3
  if ! hvirsh "$h" pool-info "$pool" >/dev/null 2>&1; then
    hvirsh "$h" pool-define-as "$pool" dir --target "$path" >/dev/null
    hvirsh "$h" pool-build "$pool" >/dev/null
  fi
  if [[ ! "$(hvirsh "$h" pool-info "$pool" 2>/dev/null)" =~ State:\ +running ]]; then
    hvirsh "$h" pool-start "$pool" >/dev/null
  fi
  hvirsh "$h" pool-autostart "$pool" >/dev/null
  hvirsh "$h" pool-refresh "$pool" >/dev/null
}

storage_up() {
  local h
  mkdir -p "$SHARED_DIR"
  for h in "${HOSTS[@]}"; do
    pool_ensure "$h" shared "$SHARED_DIR"
    pool_ensure "$h" local "$LOCAL_POOL_PATH"
  done
  log "storage: pools 'shared' ($SHARED_DIR) and 'local' ($LOCAL_POOL_PATH, per host) on all hosts"
}

# Root-namespace path of the directory a host sees at $LOCAL_POOL_PATH (or of a file in it).
local_pool_root_path() {
  printf '%s/var%s' "$(host_dir "$1")" "${LOCAL_POOL_PATH#/var}"
  [[ -z "${2:-}" ]] || printf '/%s' "$2"
}
