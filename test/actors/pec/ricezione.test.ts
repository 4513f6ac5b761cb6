import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { buildAvvenutaConsegna } from '../../../src/pec/avvenuta-consegna.ts';
import { cryptoRandom } from '../../../src/pec/identificativo.ts';
import { ANNA, type Harness, MARIO, byKind, expectCertified, original, startHarness, submit, until, waitFor } from './helpers.ts';
import { testSigner } from '../../fixtures/pec/test-signer.ts';
import { buildBustaTrasporto } from '../../../src/pec/busta-trasporto.ts';

let h: Harness;
beforeAll(async () => {
  // Forwarded ordinary mail goes to example.com: a closed local port keeps it queued instead of reaching DNS.
  h = await startHarness({ PEC_ROUTES: 'example.com=127.0.0.1:1' });
});
afterAll(async () => {
  await h.close();
});

const ordinary = () => original({ from: 'qualcuno@example.com', to: [ANNA], subject: 'Posta ordinaria' });
const receive = (raw: Uint8Array, mailFrom = 'qualcuno@example.com', rcptTo = [ANNA]) => h.p.incoming.receive({ raw, mailFrom, rcptTo, remote: '198.51.100.7', tls: false });
const anna = () => h.p.store.mailboxes.byAddress(ANNA)!;

describe('punto di ricezione: ordinary mail (SPEC §0 D6-D7, seed 000 §2.7.5)', () => {
  it('accepts any address of our domains at RCPT time, unknown users and the service mailbox included', () => {
    expect(h.p.incoming.acceptsRecipient('chiunque@pec.demo.test')).toBe(true);
    expect(h.p.incoming.acceptsRecipient(h.p.serviceAddress)).toBe(true);
    expect(h.p.incoming.acceptsRecipient('x@example.com')).toBe(false);
  });

  it('refuses ordinary mail at SMTP time by default (not delivered) and logs it', async () => {
    const r = await receive(ordinary());
    expect(r).toEqual({ status: 'refused', smtp: expect.stringMatching(/^550 5\.7\.1 /) });
    await until(() => {
      h.p.pec.pecLog.flush();
      return h.p.store.pecLog.query({ mittente: 'qualcuno@example.com' }).some((x) => (x.details['azioni'] as string[]).some((a) => a.includes('rifiutato-smtp')));
    }, 'refusal logged');
    expect(byKind(h.p, ANNA, 'anomalia')).toEqual([]);
  });

  it('delivers ordinary mail as a busta di anomalia when the holder chose the PEC address itself', async () => {
    h.p.pec.repo.setOrdinaryForward(anna().id, ANNA, ANNA);
    try {
      expect((await receive(ordinary())).status).toBe('accepted');
      const [m] = await until(() => (byKind(h.p, ANNA, 'anomalia').length ? byKind(h.p, ANNA, 'anomalia') : null), 'anomalia');
      const pec = await expectCertified(h.p, m!, 'anomalia');
      expect(pec.daticert).toBeUndefined(); // RFC 6109 §3.2.2: no daticert.xml
      expect(new TextDecoder().decode(pec.original)).toContain('Subject: Posta ordinaria');
    } finally {
      h.p.pec.repo.setOrdinaryPolicy(anna().id, { mode: 'none' });
    }
  });

  it('forwards ordinary mail to the ordinary address the holder chose', async () => {
    h.p.pec.repo.setOrdinaryForward(anna().id, ANNA, 'anna@example.com');
    try {
      const raw = original({ from: 'altro@example.com', to: [ANNA], subject: 'Da inoltrare' });
      expect((await receive(raw, 'altro@example.com')).status).toBe('accepted');
      const item = await until(() => h.p.pec.repo.outboundByDomain('example.com').find((o) => o.kind === 'ordinaria'), 'forward queued');
      expect(Object.keys(item.recipients)).toEqual(['anna@example.com']);
      expect(new TextDecoder().decode(await h.p.store.blobs.get(item.blobHash))).toContain('Subject: Da inoltrare');
    } finally {
      h.p.pec.repo.setOrdinaryPolicy(anna().id, { mode: 'none' });
    }
  });

  it('treats a message signed by a certificate outside the index as ordinary mail', async () => {
    const signer = await testSigner();
    const busta = await buildBustaTrasporto({
      gestore: { nome: 'Falso', dominio: 'pec.test-gestore.example' }, signer, now: h.clock.now(), random: cryptoRandom,
      original: original({ from: 'mario.rossi@pec.test-gestore.example', to: [ANNA] }), identificativo: 'falso.1@pec.test-gestore.example',
      intestazione: { mittente: 'mario.rossi@pec.test-gestore.example', destinatari: [{ address: ANNA, tipo: 'certificato' }], risposte: '' },
    });
    const r = await receive(busta.raw, 'mario.rossi@pec.test-gestore.example');
    expect(r.status).toBe('refused');
    expect(byKind(h.p, ANNA, 'posta-certificata', 'falso.1@pec.test-gestore.example')).toEqual([]);
  });

  it('always delivers a correctly signed message that is not a correct envelope as a busta di anomalia (D6)', async () => {
    // Our own accettazione arriving over SMTP: signed by a provider in the index, but not something a peer sends.
    const r = await submit(h.p, MARIO, { to: [ANNA] }, { subject: 'Accettazione girata' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    const [acc] = await waitFor(h.p, MARIO, 'accettazione', r.identificativo);
    const before = byKind(h.p, ANNA, 'anomalia').length;
    expect((await receive(await h.p.store.blobs.get(acc!.blobHash), h.p.serviceAddress)).status).toBe('accepted');
    await until(() => byKind(h.p, ANNA, 'anomalia').length > before, 'forced anomalia');
  });
});

describe('punto di ricezione: receipts', () => {
  it('keeps and logs a correctly signed receipt for an unknown message', async () => {
    const { deps } = h.p.pec;
    const raw = (await buildAvvenutaConsegna({
      gestore: deps.gestore, signer: deps.signer, now: h.clock.now(), random: cryptoRandom, identificativo: 'ignoto.1@pec.demo.test',
      intestazione: { mittente: MARIO, destinatari: [{ address: ANNA, tipo: 'certificato' }], risposte: MARIO, oggetto: 'Ignoto' },
      consegna: ANNA, richiesta: 'sintetica',
    })).raw;
    expect((await receive(raw, h.p.serviceAddress, [MARIO])).status).toBe('accepted');
    const kept = await until(() => h.p.pec.repo.unknownReceipts().find((u) => u.identificativo === 'ignoto.1@pec.demo.test'), 'unknown receipt kept');
    expect(kept.kind).toBe('avvenuta-consegna');
    expect(await h.p.store.blobs.has(kept.blobHash)).toBe(true);
    h.p.pec.pecLog.flush();
    expect(h.p.store.pecLog.query({ identificativo: 'ignoto.1@pec.demo.test' }).length).toBe(1);
    expect(byKind(h.p, MARIO, 'avvenuta-consegna', 'ignoto.1@pec.demo.test')).toEqual([]);
  });
});
