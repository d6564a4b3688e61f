import type { AuditAction } from './audit';

/**
 * Each audit action as the Audit view says it, as vCenter's Events list names its events. A Record,
 * so an action added to AuditAction without its words fails the typecheck. The code stays what is
 * stored, exported and filtered on; these words are what an admin reads, and what Search also finds.
 */
export const auditActionWords: Record<AuditAction, string> = {
  'migration.requested': 'Migration requested',
  'migration.started': 'Migration started',
  'migration.finished': 'Migration finished',
  'migration.cancel-requested': 'Migration cancel requested',
  'migration.recovered': 'Migration recovered after a restart',
  'schedule.created': 'Schedule created',
  'schedule.updated': 'Schedule changed',
  'schedule.deleted': 'Schedule deleted',
  'schedule.fired': 'Schedule ran',
  'schedule.missed': 'Scheduled run missed',
  'maintenance.requested': 'Maintenance requested',
  'maintenance.entered': 'Host entered maintenance',
  'maintenance.exited': 'Host left maintenance',
  'maintenance.failback-requested': 'Failback requested',
  'maintenance.failback-declined': 'Failback declined',
  'maintenance.power-off-requested': 'Power off and cold move requested',
  'maintenance.guest-powered-off': 'Guest powered off for maintenance',
  'maintenance.power-off-failed': 'Power off for maintenance failed',
  'maintenance.cold-move-finished': 'Cold move finished',
  'maintenance.guest-powered-on': 'Guest powered on after its cold move',
  'evacuation.planned': 'Evacuation planned',
  'balancing.applied': 'Load balancing applied',
  'host.added': 'Host added',
  'host.removed': 'Host removed',
  'host.credentials-changed': 'Host credentials changed',
  'host.health-changed': 'Host health changed',
  'settings.changed': 'Settings changed',
  'audit.exported': 'Export saved',
  'audit.verified': 'Audit trail verified',
  'audit.keyed': 'Audit trail sealed with a key',
  'audit.gap-found': 'Audit records found missing',
};

/** The actions whose words hold `text` (any case): what Search finds by words as well as by code. */
export function actionsSaying(text: string): AuditAction[] {
  // As Search's LIKE reads it: the text as typed, blanks included.
  const wanted = text.toLowerCase();
  if (!wanted.trim()) return [];
  return (Object.keys(auditActionWords) as AuditAction[]).filter((action) => auditActionWords[action].toLowerCase().includes(wanted));
}
