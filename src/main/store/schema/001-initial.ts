import type { SchemaMigration } from './schema-migration';

export const initial: SchemaMigration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE datacenters (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, driver_id TEXT NOT NULL, data TEXT NOT NULL);

-- policy and maintenance are Ferry's own state; data is what the driver reported last.
CREATE TABLE clusters (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, driver_id TEXT NOT NULL, datacenter_id TEXT NOT NULL,
  policy TEXT, data TEXT NOT NULL);

CREATE TABLE hosts (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, driver_id TEXT NOT NULL, cluster_id TEXT NOT NULL,
  maintenance TEXT, data TEXT NOT NULL);

CREATE TABLE datastores (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, driver_id TEXT NOT NULL, data TEXT NOT NULL);

CREATE TABLE networks (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, driver_id TEXT NOT NULL, data TEXT NOT NULL);

CREATE TABLE vms (
  id TEXT PRIMARY KEY, name TEXT NOT NULL, driver_id TEXT NOT NULL, host_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX vms_by_host ON vms(host_id);

-- A task in state queued or running is the VM's migration lock: the partial unique index makes a
-- second concurrent migration of the same VM impossible, whatever the code above it does.
CREATE TABLE tasks (
  id TEXT PRIMARY KEY, vm_id TEXT NOT NULL, state TEXT NOT NULL, phase TEXT NOT NULL,
  created_at TEXT NOT NULL, finished_at TEXT, data TEXT NOT NULL);
CREATE UNIQUE INDEX tasks_one_active_per_vm ON tasks(vm_id) WHERE state IN ('queued', 'running');
CREATE INDEX tasks_by_state ON tasks(state);
CREATE INDEX tasks_by_created ON tasks(created_at);

-- Written before each phase takes effect; recovery reads the last row of an unfinished task.
CREATE TABLE task_journal (
  task_id TEXT NOT NULL REFERENCES tasks(id), seq INTEGER NOT NULL, phase TEXT NOT NULL,
  at TEXT NOT NULL, note TEXT, PRIMARY KEY (task_id, seq));

CREATE TABLE task_timeline (
  task_id TEXT NOT NULL REFERENCES tasks(id), seq INTEGER NOT NULL, point TEXT NOT NULL,
  PRIMARY KEY (task_id, seq));

CREATE TABLE schedules (
  id TEXT PRIMARY KEY, paused INTEGER NOT NULL DEFAULT 0, created_by TEXT NOT NULL,
  created_at TEXT NOT NULL, last_fired_at TEXT, data TEXT NOT NULL);

CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE connections (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, uri TEXT NOT NULL, name TEXT NOT NULL,
  cluster_id TEXT, secret BLOB, created_at TEXT NOT NULL);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  time TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
  vm_id TEXT, vm_name TEXT, source_host TEXT, dest_host TEXT, datastores TEXT, priority TEXT,
  task_id TEXT, outcome TEXT, duration_ms REAL, downtime_ms REAL, observed_downtime_ms REAL,
  bytes_transferred REAL, iterations INTEGER, error_code TEXT, error_message TEXT, details TEXT,
  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX audit_by_time ON audit(time);
CREATE INDEX audit_by_task ON audit(task_id);

-- The audit trail is insert-only: no code path may change or remove a record.
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit records are insert-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit records are insert-only'); END;
`,
};
