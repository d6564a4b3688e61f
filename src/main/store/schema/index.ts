import { initial } from './001-initial';
import { connectionConfig } from './002-connection-config';
import { maintenance } from './003-maintenance';
import { auditHead } from './004-audit-head';
import { driverJobs } from './005-driver-jobs';
import { secretBox } from './006-secret-box';
import { vmAttributes } from './007-vm-attributes';
import { linkSpeeds } from './008-link-speeds';
import { clusterCpuBaselines } from './009-cluster-cpu-baselines';
import { maintenanceOperations } from './010-maintenance-operations';
import { appliedRecommendations } from './011-applied-recommendations';
import { auditHeadSeal } from './012-audit-head-seal';
import { scheduleMissedRuns } from './013-schedule-missed-runs';
import { maintenancePowerOffs } from './014-maintenance-power-offs';
import { linkOverheads } from './015-link-overheads';
import { maintenanceIncoming } from './016-maintenance-incoming';
import { maintenanceReportDismissed } from './017-maintenance-report-dismissed';
import { failbackPowerOffs } from './018-failback-power-offs';
import { scheduleRefusals } from './019-schedule-refusals';
import type { SchemaMigration } from './schema-migration';

export type { SchemaMigration };

/**
 * Numbered, append-only: never edit one that has shipped; add the next number instead. The runner
 * applies them by number and would tolerate a gap.
 */
export const migrations: readonly SchemaMigration[] = [
  initial,
  connectionConfig,
  maintenance,
  auditHead,
  driverJobs,
  secretBox,
  vmAttributes,
  linkSpeeds,
  clusterCpuBaselines,
  maintenanceOperations,
  appliedRecommendations,
  auditHeadSeal,
  scheduleMissedRuns,
  maintenancePowerOffs,
  linkOverheads,
  maintenanceIncoming,
  maintenanceReportDismissed,
  failbackPowerOffs,
  scheduleRefusals,
];
