import type { Vm } from '../../../shared/model/inventory';

/** FNV-1a over the id's UTF-16 units: what the table is probed by. */
function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * The console's VMs by id: a ReadonlyMap that is not a Map. V8 internalizes every string used as a
 * Map key, and the 40,000 VM ids in its string table were a root every full collection updates:
 * about 3.5 ms of each pause while the VM list scrolled. Here the ids stay the VMs' own plain
 * strings, found by open addressing. A change makes a new table; the old one stays as it was.
 */
export class VmTable implements ReadonlyMap<string, Vm> {
  static readonly empty = VmTable.of([]);
  readonly [Symbol.toStringTag] = 'VmTable';

  private constructor(
    private readonly list: Vm[],
    private hashes: Int32Array,
    /** 1 + the VM's index in list; 0: free. Never over half full. */
    private slots: Int32Array,
  ) {}

  /** The VMs by id, in their order (a repeated id keeps its first place and its last VM, as a Map would). */
  static of(vms: readonly Vm[]): VmTable {
    const table = new VmTable([], new Int32Array(Math.max(16, vms.length)), new Int32Array(capacityFor(vms.length)));
    for (let i = 0; i < vms.length; i++) table.put(vms[i] as Vm);
    return table;
  }

  /** A new table with these VMs set (replaced in place, or added last), then these ids gone. */
  with(changed: readonly Vm[], removedIds: readonly string[] = []): VmTable {
    if (changed.length === 0 && removedIds.length === 0) return this;
    const next = new VmTable(this.list.slice(), this.hashes.slice(), this.slots.slice());
    for (const vm of changed) next.put(vm);
    if (removedIds.length === 0) return next;
    // A few (a VM leaving the VM list's selection of 40,000) are taken out where they are, each a pass
    // over the slots; many, at once by making the table again.
    if (removedIds.length <= 16) {
      for (const id of removedIds) next.remove(id);
      return next;
    }
    return VmTable.of(next.list.filter((vm) => !removedIds.includes(vm.id)));
  }

  get size(): number {
    return this.list.length;
  }

  get(id: string): Vm | undefined {
    const index = this.indexOf(id, hashOf(id));
    return index < 0 ? undefined : this.list[index];
  }

  has(id: string): boolean {
    return this.indexOf(id, hashOf(id)) >= 0;
  }

  values(): ArrayIterator<Vm> {
    return this.list.values();
  }

  *keys(): MapIterator<string> {
    for (const vm of this.list) yield vm.id;
  }

  *entries(): MapIterator<[string, Vm]> {
    for (const vm of this.list) yield [vm.id, vm];
  }

  [Symbol.iterator](): MapIterator<[string, Vm]> {
    return this.entries();
  }

  /** By index: a for-of makes an iterator result per VM until the loop is optimized, garbage at load. */
  forEach(visit: (vm: Vm, id: string, table: ReadonlyMap<string, Vm>) => void): void {
    const list = this.list;
    for (let i = 0; i < list.length; i++) visit(list[i] as Vm, (list[i] as Vm).id, this);
  }

  private indexOf(id: string, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot] as number;
      if (entry === 0) return -1;
      if (this.hashes[entry - 1] === hash && (this.list[entry - 1] as Vm).id === id) return entry - 1;
    }
  }

  /** Only while the table is being made: outside, a table never changes. */
  private put(vm: Vm): void {
    const hash = hashOf(vm.id);
    const found = this.indexOf(vm.id, hash);
    if (found >= 0) {
      this.list[found] = vm;
      return;
    }
    const index = this.list.push(vm) - 1;
    if (index >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[index] = hash;
    if (this.list.length * 2 <= this.slots.length) {
      this.place(index);
      return;
    }
    this.slots = new Int32Array(this.slots.length * 2);
    for (let i = 0; i < this.list.length; i++) this.place(i);
  }

  /** Only while the table is being made: its slot emptied with the chain after it closed up (backward shift), the list's order kept. */
  private remove(id: string): void {
    const hash = hashOf(id);
    const index = this.indexOf(id, hash);
    if (index < 0) return;
    const slots = this.slots;
    const mask = slots.length - 1;
    let hole = hash & mask;
    while (slots[hole] !== index + 1) hole = (hole + 1) & mask;
    slots[hole] = 0;
    for (let at = (hole + 1) & mask; slots[at] !== 0; at = (at + 1) & mask) {
      const home = (this.hashes[(slots[at] as number) - 1] as number) & mask;
      // An entry whose home lies cyclically after the hole, up to its own slot, is found without moving.
      const reachable = hole <= at ? hole < home && home <= at : hole < home || home <= at;
      if (reachable) continue;
      slots[hole] = slots[at] as number;
      slots[at] = 0;
      hole = at;
    }
    // The VMs after it move one place down in the list, and so do the indices their slots hold.
    this.list.splice(index, 1);
    this.hashes.copyWithin(index, index + 1);
    for (let s = 0; s < slots.length; s++) if ((slots[s] as number) > index + 1) slots[s] = (slots[s] as number) - 1;
  }

  private place(index: number): void {
    const mask = this.slots.length - 1;
    let slot = (this.hashes[index] as number) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = index + 1;
  }
}

function capacityFor(count: number): number {
  let capacity = 16;
  while (capacity < count * 2) capacity *= 2;
  return capacity;
}
