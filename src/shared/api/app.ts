import { z } from 'zod';
import { TaskError } from '../model/migration';
import { storable } from '../model/text';

export const ShellKind = z.enum(['electron', 'browser']);
export type ShellKind = z.infer<typeof ShellKind>;

export const AppInfo = z.object({
  version: z.string(),
  shell: ShellKind,
  dataDir: z.string(),
  actor: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Settings = z.object({
  /** Shown as the actor in the audit trail instead of the OS user when set. */
  operatorName: storable(z.string().max(100)).nullable(),
  /** How much faster than real time the simulated datacenter runs. */
  simSpeed: z.number().min(0.1).max(1000),
});
export type Settings = z.infer<typeof Settings>;
export const SettingsPatch = Settings.partial().strict();

export const Notice = z.object({
  level: z.enum(['success', 'info', 'warning', 'error']),
  title: z.string(),
  body: z.string(),
  taskId: z.string().nullable(),
  /** Why a migration did not complete, so the console explains it by its code. */
  error: TaskError.optional(),
});
export type Notice = z.infer<typeof Notice>;

/** Where an export went: a file chosen in the save dialog, a one-time download link, or nowhere. */
export const ExportResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), location: z.string() }),
  z.object({ kind: z.literal('download'), url: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type ExportResult = z.infer<typeof ExportResult>;
