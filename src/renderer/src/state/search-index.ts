/** What the global search and the VM picker find: objects of the inventory, its groupings (tags too) and migration tasks. */
export type SearchKind = 'vm' | 'host' | 'datacenter' | 'cluster' | 'datastore' | 'network' | 'tag' | 'task';

export interface SearchEntry {
  kind: SearchKind;
  id: string;
  name: string;
}

/** 0: the whole name or id, 1: its beginning, 2: anywhere inside it. */
export type MatchRank = 0 | 1 | 2;

export interface SearchHit {
  entry: SearchEntry;
  rank: MatchRank;
  /** Whether the query matched the name or (only) the id. */
  on: 'name' | 'id';
}

export interface SearchResult {
  hits: SearchHit[];
  /** Every match, beyond the limit. */
  total: number;
}

/**
 * Entries one per line of a lower-cased text: the browser's native indexOf then finds every match.
 * Built from the names as they are, lower-cased once as a whole: per-name copies, and the pairs
 * that carried them, were garbage the load left in the old generation for the first full
 * collection to compact while the VM list scrolled.
 */
class Haystack {
  readonly text: string;
  /** Where each line starts, and the entry it belongs to. */
  private readonly starts: Int32Array;
  readonly owners: Int32Array;

  constructor(owners: Int32Array, lines: string[]) {
    this.owners = owners;
    this.starts = new Int32Array(lines.length + 1);
    for (let i = 0, at = 0; i < lines.length; i++) {
      // A line holding a newline would split in two: it is searched with a space there instead.
      if ((lines[i] as string).includes('\n')) lines[i] = (lines[i] as string).replaceAll('\n', ' ');
      this.starts[i] = at;
      at += (lines[i] as string).length + 1;
      this.starts[i + 1] = at;
    }
    const raw = lines.join('\n') + '\n';
    const lower = raw.toLowerCase();
    // Lower-casing a few letters (İ) lengthens them, and the line offsets would drift: those texts
    // are lower-cased line by line.
    if (lower.length === raw.length) this.text = lower;
    else {
      this.text = lines.map((line) => line.toLowerCase()).join('\n') + '\n';
      this.reckonStarts(this.text);
    }
  }

  private reckonStarts(text: string): void {
    for (let i = 0, at = 0; i < this.owners.length; i++) {
      this.starts[i] = at;
      at = text.indexOf('\n', at) + 1;
      this.starts[i + 1] = at;
    }
  }

  /** Calls back once per line containing the query (it holds no newline), in line order. */
  forEachMatch(query: string, found: (line: number, rank: MatchRank) => void): void {
    let from = 0;
    for (;;) {
      const at = this.text.indexOf(query, from);
      if (at < 0) return;
      const line = this.lineAt(at);
      const start = this.starts[line] as number;
      const end = (this.starts[line + 1] as number) - 1;
      found(line, at > start ? 2 : end - start === query.length ? 0 : 1);
      from = end + 1;
    }
  }

  private lineAt(position: number): number {
    let low = 0;
    let high = this.owners.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= position) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

/**
 * Lower-cased names and ids, laid out once per inventory snapshot, so a keystroke runs native
 * string search and builds no strings. Entries are kept shortest name first (a stable counting
 * sort: the inventory's own order among equals): among equal matches the shorter one
 * (DC0_C0_H1 before DC0_C0_H1_VM0) is the likelier one meant.
 */
export class SearchIndex {
  private readonly entries: SearchEntry[];
  private readonly names: Haystack;
  /** Only the ids that differ from their names. */
  private readonly ids: Haystack;

  constructor(entries: readonly SearchEntry[]) {
    this.entries = shortestFirst(entries);
    const count = this.entries.length;
    const names = new Array<string>(count);
    const owners = new Int32Array(count);
    const ids: string[] = [];
    const idOwners = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const entry = this.entries[i] as SearchEntry;
      names[i] = entry.name;
      owners[i] = i;
      // An id equal to its name but for case matches where the name does: listed again, it is harmless.
      if (entry.id !== entry.name) idOwners[ids.push(entry.id) - 1] = i;
    }
    this.names = new Haystack(owners, names);
    this.ids = new Haystack(idOwners.slice(0, ids.length), ids);
  }

  get size(): number {
    return this.entries.length;
  }

  search(rawQuery: string, limit = 50): SearchResult {
    const query = rawQuery.trim().toLowerCase();
    if (!query || query.includes('\n')) return { hits: [], total: 0 };
    // The best rank per entry (-1: none), and per rank the entries in index order, by name then by id.
    const best = new Int8Array(this.entries.length).fill(-1);
    const byName: number[][] = [[], [], []];
    const byId: number[][] = [[], [], []];
    let total = 0;
    this.names.forEachMatch(query, (line, rank) => {
      total++;
      best[line] = rank;
      (byName[rank] as number[]).push(line);
    });
    this.ids.forEachMatch(query, (line, rank) => {
      const entry = this.ids.owners[line] as number;
      const before = best[entry] as number;
      if (before === -1) total++;
      if (before !== -1 && before <= rank) return;
      best[entry] = rank;
      (byId[rank] as number[]).push(entry);
    });
    const hits: SearchHit[] = [];
    for (const rank of [0, 1, 2] as const) {
      const names = byName[rank] as number[];
      const ids = byId[rank] as number[];
      let n = 0;
      let d = 0;
      while (hits.length < limit && (n < names.length || d < ids.length)) {
        const takeName = d >= ids.length || (n < names.length && (names[n] as number) < (ids[d] as number));
        const entry = (takeName ? names[n++] : ids[d++]) as number;
        // An entry that matched better by id than by name is listed once, at its better rank.
        if (best[entry] !== rank) continue;
        hits.push({ entry: this.entries[entry] as SearchEntry, rank, on: takeName ? 'name' : 'id' });
      }
    }
    return { hits, total };
  }
}

function shortestFirst(entries: readonly SearchEntry[]): SearchEntry[] {
  let longest = 0;
  for (let i = 0; i < entries.length; i++) longest = Math.max(longest, (entries[i] as SearchEntry).name.length);
  // Where each length's entries begin, then each entry put at its length's next place.
  const next = new Int32Array(longest + 2);
  for (let i = 0; i < entries.length; i++) {
    const after = (entries[i] as SearchEntry).name.length + 1;
    next[after] = (next[after] as number) + 1;
  }
  for (let length = 1; length <= longest + 1; length++) next[length] = (next[length] as number) + (next[length - 1] as number);
  const sorted = new Array<SearchEntry>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i] as SearchEntry;
    const at = next[entry.name.length] as number;
    next[entry.name.length] = at + 1;
    sorted[at] = entry;
  }
  return sorted;
}

/** Several indexes' results as one list: better matches first; at equal rank, the earlier index's first. */
export function mergeResults(results: SearchResult[], limit = 50): SearchResult {
  const hits = results.flatMap((r) => r.hits);
  const ordered = hits.map((hit, order) => ({ hit, order })).sort((a, b) => a.hit.rank - b.hit.rank || a.order - b.order);
  return { hits: ordered.slice(0, limit).map((o) => o.hit), total: results.reduce((s, r) => s + r.total, 0) };
}
