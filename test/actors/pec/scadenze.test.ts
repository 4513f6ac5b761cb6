import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { fasePreavviso } from '../../../src/pec/preavviso-errore-consegna.ts';
import { ANNA, type Harness, MARIO, byKind, expectCertified, startHarness, submit, until, waitFor } from './helpers.ts';

const MUTO = 'utente@pec.muto.test';
const HOUR = 3_600_000;
let h: Harness;
beforeAll(async () => {
  // A PEC provider whose MX is a closed port: it never answers (RFC 6109 §3.1.6).
  h = await startHarness({ PEC_ROUTES: 'pec.muto.test=127.0.0.1:1,example.org=127.0.0.1:1' });
  h.p.index.add({ dn: 'providerName=Muto,o=postacert', providerName: 'Muto', providerCertificateHash: [], providerCertificate: [], mailReceipt: 'posta-certificata@pec.muto.test', managedDomains: ['pec.muto.test'] });
});
afterAll(async () => {
  await h.close();
});

describe('12 h and 24 h notices for a provider that never answers (SPEC §3.7, §5.7, §0 D2)', () => {
  it('sends the preavviso at 12 h and the final notice at 24 h, while the outbound queue keeps retrying', async () => {
    const r = await submit(h.p, MARIO, { to: [MUTO] }, { subject: 'Nessuna risposta' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    const id = r.identificativo;
    await until(() => h.p.pec.repo.outbound(`busta:${id}:pec.muto.test`)?.attempts, 'first delivery attempt');
    expect(h.p.pec.repo.outbound(`busta:${id}:pec.muto.test`)?.state).toBe('queued');

    h.clock.advance(12 * HOUR - 1);
    await Bun.sleep(100);
    expect(byKind(h.p, MARIO, 'preavviso-errore-consegna', id)).toEqual([]);
    h.clock.advance(1);
    const [n12] = await waitFor(h.p, MARIO, 'preavviso-errore-consegna', id);
    const p12 = await expectCertified(h.p, n12!, 'preavviso-errore-consegna');
    expect(p12.daticert!.consegna).toBe(MUTO);
    expect(fasePreavviso(p12.daticert!)).toBe('12h');
    expect(h.p.pec.repo.recipient(id, MUTO)?.state).toBe('preavviso-12h');

    h.clock.advance(12 * HOUR);
    const both = await waitFor(h.p, MARIO, 'preavviso-errore-consegna', id, 2);
    const p24 = await expectCertified(h.p, both[1]!, 'preavviso-errore-consegna');
    expect(fasePreavviso(p24.daticert!)).toBe('24h');
    expect(h.p.pec.repo.recipient(id, MUTO)?.state).toBe('scaduta-24h');
    // RFC 6109 §2.2.2: after 24 h the queue gives up too.
    h.clock.advance(HOUR);
    await until(() => h.p.pec.repo.outbound(`busta:${id}:pec.muto.test`)?.state === 'failed', 'queue expired');
  });

  it('sends only the 24 h notice when a presa in carico arrived (SPEC §5.7 matrix)', async () => {
    const r = await submit(h.p, MARIO, { to: [MUTO] }, { subject: 'Solo presa' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    const id = r.identificativo;
    await until(() => h.p.pec.repo.transaction(id), 'transaction');
    // A presa in carico as the sender side records it (the peer's own would come over SMTP).
    await h.p.system.sendDurable(`punto-accesso:${MARIO}`, { type: 'ricevuta', ricevuta: { kind: 'presa-in-carico', identificativo: id, messageId: `presa-${id}`, blobHash: '0'.repeat(64), size: 0, destinatari: [MUTO], virus: false, provider: 'Muto', receivedAt: h.clock.now() } });
    await until(() => h.p.pec.repo.recipient(id, MUTO)?.state === 'presa-in-carico', 'presa recorded');
    h.clock.advance(24 * HOUR);
    const [n] = await waitFor(h.p, MARIO, 'preavviso-errore-consegna', id);
    expect(fasePreavviso((await expectCertified(h.p, n!, 'preavviso-errore-consegna')).daticert!)).toBe('24h');
    await Bun.sleep(100);
    expect(byKind(h.p, MARIO, 'preavviso-errore-consegna', id).length).toBe(1);
  });
});

describe('PEC to an ordinary address (seed 000 §2.3, SPEC §5.6)', () => {
  it('sends the envelope out, gives the sender the accettazione only and starts no deadline', async () => {
    const r = await submit(h.p, MARIO, { to: ['amico@example.org', ANNA] }, { subject: 'Anche ordinaria' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    const id = r.identificativo;
    const [acc] = await waitFor(h.p, MARIO, 'accettazione', id);
    const pec = await expectCertified(h.p, acc!, 'accettazione');
    expect(pec.daticert!.intestazione.destinatari).toEqual([
      { address: 'amico@example.org', tipo: 'esterno' },
      { address: ANNA, tipo: 'certificato' },
    ]);
    const q = await until(() => h.p.pec.repo.outbound(`busta:${id}:example.org`), 'busta queued for example.org');
    expect(q.kind).toBe('busta');
    expect(h.p.store.durable.timersAll().some((t) => t.id.includes(`${id}:amico@example.org`))).toBe(false);
    await waitFor(h.p, MARIO, 'avvenuta-consegna', id);
    expect(byKind(h.p, MARIO, 'avvenuta-consegna', id).length).toBe(1); // anna only
  });
});
