// Golden transcripts: test/fixtures/imap/*.txt hold client lines ("C: ") and the expected decoder results ("S: " JSON).
// Run with IMAP_GOLDEN_UPDATE=1 to rewrite the S: lines after a deliberate change (then review the diff).
import { describe, expect, it } from 'bun:test';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImapDecoder } from '../../../../src/protocol/imap/decoder.ts';
import { bytes, drain, toJson } from './helpers.ts';

const DIR = join(import.meta.dir, '../../../fixtures/imap');
const UPDATE = process.env.IMAP_GOLDEN_UPDATE === '1';

interface Case {
  title: string;
  client: string[];
  expected: string[];
}

function parse(source: string): { options: object; cases: Case[] } {
  let options = {};
  const cases: Case[] = [];
  let cur: Case | null = null;
  for (const line of source.split('\n')) {
    if (line.startsWith('#! ')) options = JSON.parse(line.slice(3));
    else if (line.startsWith('## ')) continue; // file comment
    else if (line.startsWith('# ')) {
      cur = { title: line.slice(2), client: [], expected: [] };
      cases.push(cur);
    } else if (line.startsWith('C: ') && cur) cur.client.push(line.slice(3));
    else if (line.startsWith('S: ') && cur) cur.expected.push(line.slice(3));
  }
  return { options, cases };
}

function run(options: object, c: Case): string[] {
  const d = new ImapDecoder(options);
  // "\n" inside a C: line stands for a CRLF (literal payloads spanning lines); each line ends with CRLF.
  d.push(bytes(c.client.map((l) => `${l.replaceAll('\\n', '\r\n')}\r\n`).join('')));
  return drain(d).map(toJson);
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.txt'));

describe('IMAP golden transcripts', () => {
  for (const file of files) {
    const path = join(DIR, file);
    const { options, cases } = parse(readFileSync(path, 'utf8'));
    if (UPDATE) {
      let out = readFileSync(path, 'utf8').split('\n').filter((l) => !l.startsWith('S: ')).join('\n');
      for (const c of cases) {
        const got = run(options, c).map((j) => `S: ${j}`).join('\n');
        const lastClient = `C: ${c.client[c.client.length - 1]}`;
        const at = out.indexOf(lastClient, out.indexOf(`# ${c.title}`));
        out = `${out.slice(0, at + lastClient.length)}\n${got}${out.slice(at + lastClient.length)}`;
      }
      writeFileSync(path, out);
    }
    for (const c of cases) {
      it(`${file}: ${c.title}`, () => {
        expect(c.expected.length).toBeGreaterThan(0);
        expect(run(options, c)).toEqual(c.expected);
      });
    }
  }
});
