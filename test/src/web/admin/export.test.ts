import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvCell, toCsv, UTF8_BOM } from '../../../../src/web/admin/export/csv.ts';
import { winAnsiSafe } from '../../../../src/web/admin/export/pdf.ts';
import { Browser, testProvider, type TestProvider } from './helpers.ts';

let tp: TestProvider;
let b: Browser;
const tmp = mkdtempSync(join(tmpdir(), 'pec-export-'));

beforeAll(async () => {
  tp = await testProvider();
  for (const [name, email] of [
    ['alfa', '=cmd|calc@example.com'],
    ['beta', 'beta,"quoted"@example.com'],
    ['gamma', '+gamma@example.com'],
    ['delta', '@delta@example.com'],
  ] as const) {
    const m = await tp.p.provisioning.addMailbox({ address: `${name}@pec.demo.test` });
    // Stored directly: the hostile values a spreadsheet must never execute.
    (tp.p.store as unknown as { durable: { db: { run: (sql: string, ...a: unknown[]) => void } } }).durable.db.run('UPDATE mailboxes SET communication_email = ? WHERE id = ?', email, m.id);
  }
  b = new Browser(tp.p.web);
  await b.login();
  await b.page('/admin/domain');
  await b.post('/admin/domain', { domain: String(tp.p.store.domains.byName('pec.demo.test')!.id) });
});
afterAll(async () => {
  await tp.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** RFC 4180 parser for the tests (quoted fields, doubled quotes, CRLF). */
function parseCsv(s: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && s[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

const listNames = async (query: string) =>
  [...(await b.page(`/admin/mailboxes${query}`)).html.matchAll(/<th scope="row"><a href="\/admin\/mailboxes\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]!);

describe('CSV cells (RFC 4180, OWASP CSV injection)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=1+1', "'=1+1"],
    ['+39 06', "'+39 06"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['=a,b', `"'=a,b"`],
    ['', ''],
  ])('writes %p as %p', (input, out) => expect(csvCell(input)).toBe(out));

  it('starts with a UTF-8 BOM and ends records with CRLF', () => {
    const bytes = toCsv({ title: 't', headers: ['è'], rows: [['à']] });
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(`${UTF8_BOM}è\r\nà\r\n`);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('replaces what the PDF font cannot encode', () => expect(winAnsiSafe('Città ✓ 中')).toBe('Città ? ?'));
});

describe('export of the list (seed 003 "Esportare un elenco di caselle")', () => {
  it('exports the whole domain as CSV, matching the list, with formulas neutralised', async () => {
    const res = await b.get('/admin/mailboxes/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/csv');
    expect(res.headers.get('Content-Disposition')).toContain('caselle-pec.demo.test.csv');
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()));
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    const [header, ...rows] = parseCsv(csv.slice(1));
    expect(header![0]).toBe('Casella PEC');
    expect(rows.map((r) => r[0])).toEqual(await listNames(''));
    const alfa = rows.find((r) => r[0] === 'alfa')!;
    expect(alfa[5]).toBe("'=cmd|calc@example.com");
    expect(rows.find((r) => r[0] === 'beta')![5]).toBe('beta,"quoted"@example.com');
    expect(rows.find((r) => r[0] === 'gamma')![5]).toBe("'+gamma@example.com");
    expect(rows.find((r) => r[0] === 'delta')![5]).toBe("'@delta@example.com");
    expect(rows.find((r) => r[0] === 'mario.rossi')!.slice(1, 7)).toEqual(['pec.demo.test', 'ATTIVA', 'A', expect.stringMatching(/^\d\d\/\d\d\/\d{4}$/), 'mario.rossi@example.com', '3072']);
  });

  it('exports only the search result as XLSX, read back with exceljs', async () => {
    const res = await b.get('/admin/mailboxes/export?format=xlsx&q=a&mode=starts');
    expect(res.headers.get('Content-Type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.worksheets[0]!;
    const values: string[][] = [];
    ws.eachRow((row) => values.push((row.values as unknown[]).slice(1).map(String)));
    expect(values[0]![0]).toBe('Casella PEC');
    expect(values.slice(1).map((r) => r[0])).toEqual(await listNames('?q=a&mode=starts'));
    expect(values.slice(1).map((r) => r[0])).toEqual(['alfa', 'anna.bianchi']);
    // A string cell, never a formula.
    expect(ws.getCell('F2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('F2').value).toBe('=cmd|calc@example.com');
  });

  it('exports as PDF whose text (pdftotext) lists the same mailboxes', async () => {
    const res = await b.get('/admin/mailboxes/export?format=pdf&state=attiva');
    expect(res.headers.get('Content-Type')).toBe('application/pdf');
    const file = join(tmp, 'list.pdf');
    writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
    const proc = Bun.spawn(['pdftotext', '-layout', file, '-'], { stdout: 'pipe' });
    const pdfText = await new Response(proc.stdout).text();
    expect(await proc.exited).toBe(0);
    expect(pdfText).toContain('Caselle del dominio pec.demo.test');
    const names = await listNames('?state=attiva');
    for (const n of names) expect(pdfText).toContain(n);
    const positions = names.map((n) => pdfText.search(new RegExp(`^\\s*${n.replace('.', '\\.')}\\s`, 'm')));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });

  it('refuses an unknown format (400) and records every export in the activity log', async () => {
    expect((await b.get('/admin/mailboxes/export?format=exe')).status).toBe(400);
    expect((await b.get('/admin/mailboxes/export')).status).toBe(400);
    const log = await b.page('/admin/audit');
    expect(log.html).toContain('Export elenco');
    expect(log.html).toContain('csv, ');
  });
});

describe('export limit', () => {
  it('refuses an export beyond the row limit with 413 and asks to narrow the search', async () => {
    const { Hono } = await import('hono');
    const { createAdminApp } = await import('../../../../src/web/admin/app.tsx');
    const { Notifier } = await import('../../../../src/notices/notifier.ts');
    const { consoleRepos } = await import('../../../../src/store/admin-repo.ts');
    const p = tp.p;
    const repos = consoleRepos(p.store);
    const notifier = new Notifier({ store: p.store, notices: repos.notices, clock: p.clock, system: p.system, serviceAddress: p.serviceAddress, providerName: 'x', transport: null });
    const web = new Hono().route('/admin', createAdminApp({ store: p.store, auth: p.auth, provisioning: p.provisioning, clock: p.clock, notifier, bus: p.bus, repos, publicUrl: 'http://localhost', secureCookie: false, exportLimit: 2 }));
    const small = new Browser(web);
    await small.login();
    await small.page('/admin/domain');
    await small.post('/admin/domain', { domain: String(p.store.domains.byName('pec.demo.test')!.id) });
    const res = await small.get('/admin/mailboxes/export?format=csv');
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('restringi la ricerca');
    expect((await small.get('/admin/mailboxes/export?format=csv&q=alfa')).status).toBe(200);
  });
});
