# shellcheck shell=bash
# The lab guests: TCG (type='qemu') domains booting the tiny guest by direct kernel boot,
# with a thin qcow2 data disk in the guest's pool and a virtio NIC on the host's br0.

guest_disk_path() {
  local g=$1
  case "${GUEST_POOL[$g]}" in
    shared) printf '%s/%s.qcow2' "$SHARED_DIR" "$g" ;;
    local) printf '%s/%s.qcow2' "$LOCAL_POOL_PATH" "$g" ;;
  esac
}

# Where is the guest now? Prints "<host> <state>" for the best match: a host where it runs,
# else its home host if defined there, else any host that has it defined. Guests move between
# hosts when migrated, so `up` must look everywhere before defining anything.
guest_locate() {
  local g=$1 h st found=
  for h in "${HOSTS[@]}"; do
    st=$(hvirsh "$h" domstate "$g" 2>/dev/null | sed -n 1p || true)
    [[ -n "$st" ]] || continue
    if [[ "$st" == running || "$st" == paused ]]; then
      printf '%s %s' "$h" "$st"
      return 0
    fi
    if [[ -z "$found" || "$h" == "${GUEST_HOME[$g]}" ]]; then found="$h $st"; fi
  done
  [[ -n "$found" ]] && printf '%s' "$found"
  return 0
}

guest_xml() {
  local g=$1
  cat <<EOF
<domain type='qemu'>
  <name>$g</name>
  <description>ferry lab guest (scripts/lab); probe: tcp ${GUEST_IP[$g]}:$PROBE_PORT</description>
  <metadata>
    <!-- Where Ferry's libvirt driver asks the guest whether it is alive (the probe protocol in README.md). -->
    <ferry:probe xmlns:ferry='https://ferry.invalid/xmlns/probe/1' address='${GUEST_IP[$g]}' port='$PROBE_PORT'/>
  </metadata>
  <memory unit='MiB'>$GUEST_MEMORY_MIB</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$GUEST_DIR/kernel</kernel>
    <initrd>$GUEST_DIR/initramfs.gz</initrd>
    <cmdline>console=ttyS0 loglevel=5 panic=-1 ferry.ip=${GUEST_IP[$g]}/$LAB_PREFIX ferry.name=$g</cmdline>
  </os>
  <features><acpi/></features>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$(guest_disk_path "$g")'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='bridge'>
      <mac address='${GUEST_MAC[$g]}'/>
      <source bridge='br0'/>
      <model type='virtio'/>
    </interface>
    <serial type='file'>
      <!-- Appended, not truncated: a migration reopens it on the destination, and a crash after
           a move must stay readable (lab.sh diagnose counts boots and crash signs in it). -->
      <source path='/var/log/libvirt/qemu/$g-serial.log' append='on'/>
      <target port='0'/>
    </serial>
    <!-- The QEMU guest agent's port (qemu-ga in the initramfs): libvirt picks the socket path. -->
    <channel type='unix'>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    <memballoon model='none'/>
  </devices>
</domain>
EOF
}

guest_start() {
  local g=$1 loc h st pool vol
  loc=$(guest_locate "$g")
  h=${loc%% *}
  st=${loc#* }
  if [[ -n "$loc" && ("$st" == running || "$st" == paused) ]]; then
    log "guest $g: already $st on $h"
    # Only a guest a user paused is resumed: one paused by a migration (an incoming copy, a
    # switchover, a post-copy half) belongs to that migration, and resuming it could run it twice.
    if [[ "$st" == paused ]] && hvirsh "$h" domstate "$g" --reason 2>/dev/null | grep -q '(user)'; then
      hvirsh "$h" resume "$g" >/dev/null
    fi
    return 0
  fi
  if [[ -z "$loc" ]]; then
    h=${GUEST_HOME[$g]}
    pool=${GUEST_POOL[$g]}
    vol="$g.qcow2"
    # Thin qcow2 data disk (the guest writes a marker into its first sector at first boot).
    if ! hvirsh "$h" vol-info --pool "$pool" "$vol" >/dev/null 2>&1; then
      hvirsh "$h" vol-create-as "$pool" "$vol" "$GUEST_DISK_SIZE" --format qcow2 >/dev/null
    fi
    local xml
    xml=$(mktemp "$LAB_DIR/$g.XXXXXX.xml")
    guest_xml "$g" >"$xml"
    hvirsh "$h" define "$xml" >/dev/null
    rm -f "$xml"
  fi
  log "guest $g: starting on $h (${GUEST_POOL[$g]} storage, ${GUEST_IP[$g]})"
  hvirsh "$h" start "$g" >/dev/null
}

# Waits until every guest answers its probe (they boot in parallel: ~3-7 s each under TCG).
guests_wait() {
  local deadline=$((SECONDS + ${FERRY_LAB_BOOT_TIMEOUT:-240})) g pending line
  pending=("${GUESTS[@]}")
  local answers
  answers=$(mktemp -d "$LAB_DIR/probe.XXXXXX")
  while ((${#pending[@]})); do
    local still=() pids=()
    # Probe all pending guests at once: an unanswered probe costs its whole timeout. Wait for
    # these PIDs only: a bare `wait` would also wait for the libvirtd jobs this shell started.
    for g in "${pending[@]}"; do
      (PROBE_TIMEOUT=1 probe_guest "${GUEST_IP[$g]}" >"$answers/$g" || true) &
      pids+=($!)
    done
    wait "${pids[@]}"
    for g in "${pending[@]}"; do
      line=$(cat "$answers/$g")
      if [[ "$line" == FERRY-PROBE/1* ]]; then
        log "guest $g: answers: $line"
      else
        still+=("$g")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]})) || break
    if ((SECONDS > deadline)); then
      for g in "${pending[@]}"; do
        local loc
        loc=$(guest_locate "$g")
        log "guest $g did not answer; serial log tail:"
        tail -n 15 "$(host_dir "${loc%% *}")/var/log/libvirt/qemu/$g-serial.log" >&2 2>/dev/null || true
      done
      rm -rf "$answers"
      die "guests not answering the probe: ${pending[*]}"
    fi
    sleep 0.5
  done
  rm -rf "$answers"
}

# Destroys and undefines every domain on every lab host (all of them are lab guests: the
# hosts' libvirtds are private to the lab), including guests that were migrated. All in
# parallel: each destroy waits ~2 s for QEMU to exit.
guests_down() {
  local h d pids=()
  for h in "${HOSTS[@]}"; do
    host_running "$h" || continue
    while read -r d; do
      [[ -n "$d" ]] || continue
      log "guest $d: destroy + undefine on $h"
      (
        hvirsh "$h" destroy "$d" >/dev/null 2>&1 || true
        hvirsh "$h" undefine "$d" >/dev/null 2>&1 || true
      ) &
      pids+=($!)
    done < <(hvirsh "$h" list --all --name 2>/dev/null)
  done
  for d in "${pids[@]+"${pids[@]}"}"; do wait "$d" || true; done
}
