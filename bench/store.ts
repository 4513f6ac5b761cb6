// Benchmark: message inserts per second through the repository, all in one transaction vs one autocommit
// transaction each, with synchronous=FULL (every commit fsyncs the WAL). Also FTS search and the PEC log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../src/store/index.ts';
import type { NewMessage } from '../src/store/message-types.ts';

const IN_ONE_TX = 20_000;
const AUTOCOMMIT = 1_000;
const SEARCHES = 2_000;
const LOG_RECORDS = 1_000;
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const WORDS = ['fattura', 'contratto', 'ricevuta', 'protocollo', 'delibera', 'comune', 'regione', 'pagamento', 'avviso', 'istanza'];

let seq = 0;
function message(): NewMessage {
  const n = ++seq;
  return {
    internalDate: T0 + n,
    size: 8_000,
    blobHash: n.toString(16).padStart(64, '0'),
    subject: `${WORDS[n % WORDS.length]} n. ${n}`,
    fromAddr: `mittente${n % 50}@pec.altro.test`,
    toAddrs: ['mario.rossi@pec.bench.test'],
    bodyText: `${WORDS[(n * 7) % WORDS.length]} ${'testo del messaggio '.repeat(40)}`,
  };
}

function rate(n: number, fn: () => void): number {
  const start = performance.now();
  fn();
  return n / ((performance.now() - start) / 1000);
}

function setup(store: Store): number {
  const d = store.domains.create('pec.bench.test', T0);
  const mb = store.mailboxes.create({ localPart: 'mario.rossi', domainId: d.id, type: 'C' }, T0);
  return mb.id;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pec-bench-store-'));
  try {
    const store = openStore(dir);
    const mailboxId = setup(store);
    const inbox = store.folders.bySpecialUse(mailboxId, '\\Inbox')!.id;
    const oneTx = rate(IN_ONE_TX, () => store.transaction(() => {
      for (let i = 0; i < IN_ONE_TX; i++) store.messages.insertMessage(inbox, message());
    }));
    const auto = rate(AUTOCOMMIT, () => {
      for (let i = 0; i < AUTOCOMMIT; i++) store.messages.insertMessage(inbox, message());
    });
    const search = rate(SEARCHES, () => {
      for (let i = 0; i < SEARCHES; i++) store.messages.search(mailboxId, WORDS[i % WORDS.length]!);
    });
    const log = rate(LOG_RECORDS, () => {
      for (let i = 0; i < LOG_RECORDS; i++) {
        store.pecLog.append({
          at: T0 + i, eventType: 'Accettazione', identificativo: `opec.${i}@pec.bench.test`, clientMsgid: null,
          generatedMessageId: `<g${i}@pec.bench.test>`, mittente: 'mario.rossi@pec.bench.test',
          destinatari: [{ addr: 'anna@pec.altro.test', tipo: 'certificato' }], oggetto: 'prova', gestore: 'Bench', details: {},
        });
      }
    });
    const verify = rate(LOG_RECORDS, () => void store.pecLog.verifyChain());
    store.close();
    console.log('store (bun:sqlite, WAL, synchronous=FULL, ~1 KB metadata + FTS row per message)');
    console.log(`  insertMessage, one transaction:      ${oneTx.toFixed(0).padStart(8)} msg/s (${IN_ONE_TX} messages)`);
    console.log(`  insertMessage, autocommit each:      ${auto.toFixed(0).padStart(8)} msg/s (${AUTOCOMMIT} messages)`);
    console.log(`  FTS search on ${IN_ONE_TX + AUTOCOMMIT} messages:       ${search.toFixed(0).padStart(8)} queries/s`);
    console.log(`  PEC log append, one commit each:     ${log.toFixed(0).padStart(8)} records/s`);
    console.log(`  PEC log verifyChain:                 ${verify.toFixed(0).padStart(8)} records/s`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await run();
