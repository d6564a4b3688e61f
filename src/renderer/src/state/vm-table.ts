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
    return removedIds.length === 0 ? next : VmTable.of(next.list.filter((vm) => !removedIds.includes(vm.id)));
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
