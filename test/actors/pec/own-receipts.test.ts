import { describe, expect, it } from 'bun:test';
import type { PecDeps } from '../../../actors/pec/deps.ts';
import { type OwnReceipt, ricevutaInfo } from '../../../actors/pec/dispatch.ts';
import { decide, reread, rereadBlob } from '../../../actors/pec/incoming-verdict.ts';
import type { Verdict } from '../../../actors/pec/messages.ts';
import { RecentReads } from '../../../actors/pec/recent.ts';
import { bareMsgId } from '../../../src/mime/addresses.ts';
import { findHeader, parseRawTree } from '../../../src/mime/raw-tree.ts';
import { buildAvvenutaConsegna } from '../../../src/pec/avvenuta-consegna.ts';
import { buildBustaTrasporto } from '../../../src/pec/busta-trasporto.ts';
import { buildErroreConsegna } from '../../../src/pec/errore-consegna.ts';
import { buildPresaInCarico } from '../../../src/pec/presa-in-carico.ts';
import { sha256Hex } from '../../../src/store/blob-store.ts';
import { CLIENT_MSGID, IDENTIFICATIVO, INTESTAZIONE, ORIGINAL_BYTES, context } from '../../fixtures/pec/pec-fixtures.ts';

const INTERNAL: Verdict = { internal: true, signature: 'valid', trusted: true, provider: 'Gestore di prova', mailReceipt: 'posta-certificata@pec.test-gestore.example', managedDomains: [] };
const ANNA = 'anna.bianchi@pec2.example.test';
const base = async () => ({ ...(await context()), intestazione: INTESTAZIONE, identificativo: IDENTIFICATIVO, msgid: CLIENT_MSGID });
const postacert = async () => (await buildBustaTrasporto({ ...(await context()), original: ORIGINAL_BYTES, identificativo: IDENTIFICATIVO, intestazione: INTESTAZIONE })).postacert;

const CASES: Array<[string, () => Promise<OwnReceipt>]> = [
  ['presa in carico', async () => ({ kind: 'presa-in-carico', built: await buildPresaInCarico({ ...(await base()), ricezione: [ANNA, 'luigi.verdi@pec2.example.test'], mailReceipt: INTESTAZIONE.mittente }) })],
  ['avvenuta consegna completa', async () => ({ kind: 'avvenuta-consegna', built: await buildAvvenutaConsegna({ ...(await base()), consegna: ANNA, richiesta: 'completa', postacert: await postacert() }) })],
  ['avvenuta consegna sintetica', async () => ({ kind: 'avvenuta-consegna', built: await buildAvvenutaConsegna({ ...(await base()), consegna: ANNA, richiesta: 'sintetica' }) })],
  ['errore consegna (casella piena)', async () => ({ kind: 'errore-consegna', built: await buildErroreConsegna({ ...(await base()), consegna: ANNA, motivo: 'casella-piena' }) })],
  ['errore consegna (casella inesistente)', async () => ({ kind: 'errore-consegna', built: await buildErroreConsegna({ ...(await base()), consegna: ANNA, motivo: 'casella-inesistente' }) })],
];

describe('a receipt handed straight to the punto di accesso (RFC 6109 §3.4)', () => {
  it.each(CASES)('carries what the punto di ricezione would read from the bytes: %s', async (_name, make) => {
    const own = await make();
    const raw = own.built.raw;
    const facts = { blobHash: sha256Hex(raw), size: raw.length, provider: INTERNAL.provider!, receivedAt: 1_700_000_000_000 };
    // The punto di ricezione's path: re-read with the internal verdict, decide, take the Message-ID from the header.
    const pec = await reread(raw, INTERNAL);
    const dec = decide(pec, INTERNAL);
    expect(dec).toEqual({ action: 'ricevuta', kind: own.kind });
    const messageId = bareMsgId(findHeader(parseRawTree(raw).headers, 'message-id'))!;
    const viaRicezione = ricevutaInfo(own.kind, pec.daticert!, { ...facts, messageId, verificaSicurezza: pec.verificaSicurezza });
    // The direct path: the builder's own daticert and Message-ID.
    const direct = ricevutaInfo(own.kind, own.built.daticert!, { ...facts, messageId: own.built.messageId, verificaSicurezza: false });
    expect(direct).toEqual(viaRicezione);
  });
});

describe('rereadBlob', () => {
  it('gives a second reader of the same blob exactly what reread would, with its own verdict', async () => {
    const busta = await buildBustaTrasporto({ ...(await context()), original: ORIGINAL_BYTES, identificativo: IDENTIFICATIVO, intestazione: INTESTAZIONE });
    const d = { reads: new RecentReads() } as unknown as PecDeps;
    const hash = sha256Hex(busta.raw);
    const peer: Verdict = { internal: false, signature: 'valid', trusted: true, provider: 'Altro gestore', signer: 'posta@altro.example', digest: 'abc' };
    const first = await rereadBlob(d, hash, busta.raw, peer);
    expect(first).toEqual(await reread(busta.raw, peer));
    expect(d.reads.get(hash)).toBeDefined();
    for (const v of [INTERNAL, { ...peer, signature: 'invalid' as const, trusted: false }]) {
      expect(await rereadBlob(d, hash, busta.raw, v)).toEqual(await reread(busta.raw, v));
    }
  });

  it('keeps the absent signature of unsigned bytes whatever the verdict says', async () => {
    const raw = ORIGINAL_BYTES;
    const d = { reads: new RecentReads() } as unknown as PecDeps;
    const hash = sha256Hex(raw);
    await rereadBlob(d, hash, raw, INTERNAL);
    const again = await rereadBlob(d, hash, raw, INTERNAL);
    expect(again).toEqual(await reread(raw, INTERNAL));
    expect(again.signature.status).toBe('absent');
  });
});
