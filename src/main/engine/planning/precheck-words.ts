/** How the prechecks word sizes and lists in their messages. */
export const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

export const list = (items: readonly string[]): string =>
  items.length > 5 ? `${items.slice(0, 5).join(', ')} and ${items.length - 5} more` : items.join(', ');
