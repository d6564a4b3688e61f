// OpenSSH's host patterns (ssh_config `Host`, known_hosts host fields): `*` matches any run of
// characters, `?` exactly one, `!` negates, and names compare case-insensitively (match.c).

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/** One pattern without negation. */
export function matchesPattern(name: string, pattern: string): boolean {
  return globToRegExp(pattern).test(name);
}

/**
 * A list matches when some positive pattern matches and no negated one does (match_pattern_list):
 * `Host *.lab !skip.lab` applies to a.lab, not to skip.lab, and `!x` alone matches nothing.
 */
export function matchesPatternList(name: string, patterns: readonly string[]): boolean {
  let matched = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    if (!matchesPattern(name, negated ? raw.slice(1) : raw)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}
