// What a screen reader hears while VMs are dragged onto hosts: names, never internal ids.

/** What dnd-kit tells about a dragged VM or the host under it (its `Active` / `Over`), as read here. */
interface Dragged {
  data: { current?: Record<string, unknown> | undefined };
}

/** dnd-kit's `Announcements`, in the shapes read here (and without its DOM types, so node tests read it). */
export interface DragAnnouncements {
  onDragStart(event: { active: Dragged }): string;
  onDragOver(event: { over: Dragged | null }): string;
  onDragEnd(event: { over: Dragged | null }): string;
  onDragCancel(): string;
}

const hostName = (data: Record<string, unknown> | undefined) => String(data?.hostName ?? 'a host');

/** `dragged`: what is dragged, by name ("web01", or "6 VMs" for a multi-selection). */
export function announcementsFor(dragged: string | null): DragAnnouncements {
  const label = () => dragged ?? 'the VM';
  const several = () => /^\d+ VMs$/.test(label());
  const was = () => (several() ? 'were' : 'was');
  const is = () => (several() ? 'are' : 'is');
  return {
    onDragStart: ({ active }) =>
      `Picked up ${dragged ?? String(active.data.current?.vmName ?? 'a VM')}. Move ${several() ? 'them' : 'it'} onto a host to migrate ${several() ? 'them' : 'it'}.`,
    onDragOver: ({ over }) =>
      over ? `${label()} ${is()} over ${hostName(over.data.current)}.` : `${label()} ${is()} no longer over a host.`,
    onDragEnd: ({ over }) =>
      over
        ? `${label()} ${was()} dropped on ${hostName(over.data.current)}.`
        : `${label()} ${was()} dropped outside any host: nothing moves.`,
    onDragCancel: () => `Moving ${label()} was cancelled.`,
  };
}
