import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import type { Collaboratore } from '../../../src/auth/principal.ts';
import { MAX_SIZE_TIMES_RECIPIENTS } from '../../../src/config/mailbox-types.ts';
import { EICAR_SIGNATURE } from '../../../src/pec/virus-scan.ts';
import { italianDay } from '../../../actors/pec/deps.ts';
import { ANNA, type Harness, MARIO, byKind, expectCertified, original, startHarness, submit, titolare, waitFor } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function refused(r: Awaited<ReturnType<typeof submit>>, code: string) {
  expect(r.status).toBe('not-accepted');
  if (r.status !== 'not-accepted') throw new Error('accepted');
  expect(r.reasons.map((x) => x.code)).toContain(code);
  const [m] = await waitFor(h.p, MARIO, 'non-accettazione', r.identificativo);
  const pec = await expectCertified(h.p, m!, 'non-accettazione');
  expect(pec.daticert!.identificativo).toBe(r.identificativo);
  // Nothing is forwarded: no envelope reached anyone and no transaction exists.
  expect(h.p.pec.repo.transaction(r.identificativo)).toBeUndefined();
  return { r, pec };
}

describe('punto di accesso: avviso di non accettazione (RFC 6109 §3.1.1-3.1.3, SPEC §5.1)', () => {
  it('refuses a MAIL FROM that is not the authenticated mailbox', async () => {
    const r = await submit(h.p, MARIO, { to: [ANNA] }, { envelopeFrom: ANNA, raw: original({ from: ANNA, to: [ANNA] }) });
    await refused(r, 'mittente-non-autorizzato');
  });

  it('refuses a read-only collaborator (seed 000 §2.7.8)', async () => {
    const m = h.p.store.mailboxes.byAddress(MARIO)!;
    const principal: Collaboratore = { kind: 'collaboratore', mailboxId: String(m.id), address: MARIO, username: 'lettore', profile: 'solo-consultazione', expiresAt: null };
    await refused(await submit(h.p, MARIO, { to: [ANNA] }, { principal }), 'invio-non-consentito');
  });

  it('refuses a From: that differs from MAIL FROM', async () => {
    await refused(await submit(h.p, MARIO, { to: [ANNA] }, { raw: original({ from: ANNA, to: [ANNA] }) }), 'from-non-valido');
  });

  it('refuses Bcc and recipients missing from To/Cc', async () => {
    const raw = original({ from: MARIO, to: [ANNA], bcc: ['nascosto@pec.demo.test'] });
    const { r } = await refused(await submit(h.p, MARIO, { to: [ANNA] }, { raw, recipients: [ANNA, 'nascosto@pec.demo.test'] }), 'bcc-non-ammesso');
    if (r.status === 'not-accepted') expect(r.reasons.map((x) => x.code)).toContain('destinatari-incoerenti');
  });

  it('refuses a message that is not 7-bit clean (SPEC §0 D16)', async () => {
    await refused(await submit(h.p, MARIO, { to: [ANNA] }, { body: 'caffè' }), 'non-7bit');
  });

  it('refuses size × recipients above MAX_SIZE_TIMES_RECIPIENTS (SPEC §0 D15)', async () => {
    const to = Array.from({ length: 40 }, (_, i) => `dest${i}@pec.demo.test`);
    const body = 'x'.repeat(76) + '\r\n';
    const raw = original({ from: MARIO, to, body: body.repeat(Math.ceil(MAX_SIZE_TIMES_RECIPIENTS / 40 / body.length) + 10) });
    expect(raw.length * 40).toBeGreaterThan(MAX_SIZE_TIMES_RECIPIENTS);
    expect(raw.length).toBeLessThan(MAX_SIZE_TIMES_RECIPIENTS);
    await refused(await submit(h.p, MARIO, { to }, { raw }), 'dimensione');
  });

  it('refuses more recipients than the mailbox type allows (seed 001 §1.4: 500 for type A)', async () => {
    const to = Array.from({ length: 501 }, (_, i) => `d${i}@pec.demo.test`);
    await refused(await submit(h.p, MARIO, { to }), 'troppi-destinatari');
  });

  it('refuses past the messages-per-day limit', async () => {
    const m = h.p.store.mailboxes.byAddress(MARIO)!;
    const day = italianDay(h.clock.now());
    const before = h.p.pec.repo.acceptedOnDay(m.id, day);
    h.p.store.durable.savepoint(() => {
      for (let i = before; i < 1000; i++) h.p.pec.repo.countAccepted(m.id, day);
    });
    await refused(await submit(h.p, MARIO, { to: [ANNA] }), 'limite-giornaliero');
    // The next Italian day starts from zero.
    h.clock.advance(24 * 3_600_000);
    expect((await submit(h.p, MARIO, { to: [ANNA] })).status).toBe('accepted');
  });

  it('refuses past the concurrent-messages limit (certificato recipients still waiting)', async () => {
    await h.p.provisioning.addMailbox({ address: 'massiva@pec.demo.test', type: 'A' });
    // Remote certificato recipients that never answer keep the transactions open.
    h.p.index.add({ dn: 'providerName=Muto,o=postacert', providerName: 'Muto', providerCertificateHash: [], providerCertificate: [], mailReceipt: 'posta@pec.muto.test', managedDomains: ['pec.muto.test'] });
    const box = h.p.store.mailboxes.byAddress('massiva@pec.demo.test')!;
    for (let i = 0; i < 50; i++) {
      h.p.store.durable.savepoint(() => h.p.pec.repo.insertTransaction({
        identificativo: `fake-${i}@pec.demo.test`, mailboxId: box.id, sender: box.address, clientMsgid: null, subject: null, tipoRicevuta: 'completa',
        acceptedAt: h.clock.now(), envelopeMessageId: `fake-${i}`, accettazioneMessageId: `a-${i}`, envelopeBlob: '0'.repeat(64), intestazione: {},
        recipients: [{ address: 'x@pec.muto.test', tipo: 'certificato', header: 'to' }],
      }));
    }
    const r = await h.p.submission.submit({ principal: titolare(h.p, box.address), raw: original({ from: box.address, to: [ANNA] }), envelopeFrom: box.address, recipients: [ANNA], channel: 'smtp' });
    expect(r.status).toBe('not-accepted');
    if (r.status === 'not-accepted') expect(r.reasons.map((x) => x.code)).toEqual(['limite-contemporanei']);
  });

  it('refuses an EICAR submission per virus, quarantines it and never forwards it (RFC 6109 §3.1.3, SPEC §5.8)', async () => {
    const r = await submit(h.p, MARIO, { to: [ANNA] }, { body: EICAR_SIGNATURE });
    const { pec } = await refused(r, 'virus');
    expect(pec.verificaSicurezza).toBe(true);
    expect(pec.daticert!.errore).toBe('virus');
    expect(h.p.pec.repo.quarantined().some((q) => q.identificativo === r.identificativo && q.side === 'accesso')).toBe(true);
    expect(byKind(h.p, ANNA, 'posta-certificata', r.identificativo)).toEqual([]);
  });
});
