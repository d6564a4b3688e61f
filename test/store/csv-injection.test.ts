import { SealedAuditKeyFile } from '../../src/main/base/audit-key';
import { FileKeySecretBox, SecretKeyring } from '../../src/main/base/secrets';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/main/base/clock/virtual-clock';
import { AuditLog } from '../../src/main/store/audit/audit-log';
import { AuditReader } from '../../src/main/store/audit/audit-reader';
import { AuditRepository } from '../../src/main/store/audit/audit-repository';
import { csvLine } from '../../src/main/store/audit/csv-export';
import { openDatabase, openReadonlyDatabase } from '../../src/main/store/database';
import { useTempDirs } from '../helpers/temp-dir';

/** Texts a hostile libvirt host, schedule author or operator could make Ferry export. */
const hostile = [
  "web01;=cmd|' /C calc'!A0", // Excel in ;-separator locales splits here
  ' =1+1', // leading whitespace before the formula
  '\u00a0=1+1',
  '\u3000\uff1d1+1', // ideographic space, full-width equals
  '\uff0bcmd',
  '\uff0d1+1',
  '\uff20SUM(A1)',
  'a\t=cmd', // tab-separated pieces (pasted or imported as TSV)
  'a\t\t+cmd',
  'a\r\n+cmd',
  'x, @SUM(A1)',
  'x,;-2+3',
  '"=cmd"',
  ' " =HYPERLINK("http://evil.example")',
  '=HYPERLINK("http://x")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\tcmd',
  '\rcmd',
];

const triggers = /^[=+\-@\uff1d\uff0b\uff0d\uff20]/u;
const leading = /^[\s"\u200b-\u200d\u2060\ufeff]+/u;

/**
 * Every cell a spreadsheet could make of a CSV text: it may read it as RFC 4180 or split the raw
 * text on any separator a locale or an import uses, quotes or not, and trims leading blanks and quotes.
 */
function cellStarts(text: string): string[] {
  const fromRfc = (parse(text, { relax_column_count: true }) as string[][]).flat();
  return [...fromRfc, text].flatMap((t) => t.split(/[,;\t\r\n]/)).map((cell) => cell.replace(leading, ''));
}

describe('CSV export against formula injection', () => {
  const tempDir = useTempDirs();

  it.each(hostile)('leaves no cell that starts a formula: %j', (value) => {
    const line = csvLine(['1', value, 42, null]);
    for (const cell of cellStarts(line)) expect(cell).not.toMatch(triggers);
    // The text itself survives for a reader: only apostrophes are added.
    expect((parse(line) as string[][])[0]?.[1]?.replace(/'/g, '')).toBe(value.replace(/'/g, ''));
  });

  it('neutralises every attacker-controlled column of the audit export', async () => {
    const dir = tempDir();
    const db = openDatabase(`${dir}/ferry.db`);
    const log = new AuditLog(
      new AuditRepository(db),
      new VirtualClock(),
      new SealedAuditKeyFile(`${dir}/audit.key`, new SecretKeyring([new FileKeySecretBox(dir)])),
    );
    for (const value of hostile)
      log.append({
        actor: value,
        action: 'migration.finished',
        vmName: value,
        vmId: value,
        sourceHost: value,
        destHost: value,
        datastores: value,
        errorCode: value,
        errorMessage: value,
        details: value,
        outcome: value,
        taskId: value,
      });
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await new AuditReader(openReadonlyDatabase(db.name)).exportCsv({}, out);
    const text = Buffer.concat(chunks).toString('utf8');
    for (const cell of cellStarts(text)) expect(cell).not.toMatch(triggers);
    db.close();
  });
});
