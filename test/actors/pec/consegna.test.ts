import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { codiceDa } from '../../../src/pec/errore-consegna.ts';
import { EICAR_SIGNATURE } from '../../../src/pec/virus-scan.ts';
import { ANNA, type Harness, MARIO, byKind, expectCertified, folderMessages, startHarness, submit, until, waitFor } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

async function erroreFor(rcpt: string, subject: string) {
  const r = await submit(h.p, MARIO, { to: [rcpt] }, { subject });
  if (r.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(r)}`);
  const [m] = await waitFor(h.p, MARIO, 'errore-consegna', r.identificativo);
  const pec = await expectCertified(h.p, m!, 'errore-consegna');
  expect(pec.daticert!.consegna).toBe(rcpt);
  await until(() => h.p.pec.repo.recipient(r.identificativo, rcpt)?.state === 'errore', 'recipient in errore');
  return { r, pec };
}

describe('punto di consegna: avviso di mancata consegna (SPEC §0 D1, D7)', () => {
  it('answers an unknown local user with presa in carico then errore-consegna 5.1.1 no-dest', async () => {
    const { r, pec } = await erroreFor('nessuno@pec.demo.test', 'Sconosciuto');
    expect(codiceDa(pec.daticert!.erroreEsteso)).toBe('5.1.1');
    expect(pec.daticert!.errore).toBe('no-dest');
    expect(h.p.pec.repo.recipient(r.identificativo, 'nessuno@pec.demo.test')?.presaInCaricoAt).not.toBeNull();
  });

  it('answers a full mailbox with 5.2.2 and stores nothing', async () => {
    await h.p.provisioning.addMailbox({ address: 'piena@pec.demo.test', quotaBytes: 1_000 });
    const { pec } = await erroreFor('piena@pec.demo.test', 'Casella piena');
    expect(codiceDa(pec.daticert!.erroreEsteso)).toBe('5.2.2');
    expect(folderMessages(h.p, 'piena@pec.demo.test')).toEqual([]);
  });

  it('answers a cancelled mailbox with 5.2.1', async () => {
    const m = await h.p.provisioning.addMailbox({ address: 'chiusa@pec.demo.test' });
    h.p.store.durable.savepoint(() => h.p.store.mailboxes.cancel(m.id, h.clock.now()));
    const { pec } = await erroreFor('chiusa@pec.demo.test', 'Casella cancellata');
    expect(codiceDa(pec.daticert!.erroreEsteso)).toBe('5.2.1');
  });

  it('holds envelopes for a disabled mailbox and delivers them, with their receipt, once it is enabled again', async () => {
    const m = await h.p.provisioning.addMailbox({ address: 'sospesa@pec.demo.test' });
    h.p.store.durable.savepoint(() => h.p.store.mailboxes.setState(m.id, 'disabilitata'));
    const r = await submit(h.p, MARIO, { to: ['sospesa@pec.demo.test'] }, { subject: 'In attesa' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    await until(() => h.p.pec.repo.held('sospesa@pec.demo.test').length === 1, 'held envelope');
    await until(() => h.p.pec.repo.recipient(r.identificativo, 'sospesa@pec.demo.test')?.state === 'presa-in-carico', 'presa in carico recorded');
    expect(byKind(h.p, MARIO, 'avvenuta-consegna', r.identificativo)).toEqual([]);
    h.p.store.durable.savepoint(() => h.p.store.mailboxes.setState(m.id, 'attiva'));
    await h.p.pec.releaseHeld('sospesa@pec.demo.test');
    await waitFor(h.p, MARIO, 'avvenuta-consegna', r.identificativo);
    expect(byKind(h.p, 'sospesa@pec.demo.test', 'posta-certificata', r.identificativo).length).toBe(1);
    expect(h.p.pec.repo.held('sospesa@pec.demo.test')).toEqual([]);
  });

  it('releases held envelopes when the admin console announces the mailbox enabled again (issue 6)', async () => {
    const m = await h.p.provisioning.addMailbox({ address: 'riattivata@pec.demo.test' });
    h.p.store.durable.savepoint(() => h.p.store.mailboxes.setState(m.id, 'disabilitata'));
    const r = await submit(h.p, MARIO, { to: ['riattivata@pec.demo.test'] }, { subject: 'Trattenuta' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    await until(() => h.p.pec.repo.held('riattivata@pec.demo.test').length === 1, 'held envelope');
    h.p.store.durable.savepoint(() => h.p.store.mailboxes.setState(m.id, 'attiva'));
    h.p.bus.emit({ type: 'account.mailbox-state-changed', address: 'riattivata@pec.demo.test', state: 'attiva', by: 'admin' });
    await waitFor(h.p, MARIO, 'avvenuta-consegna', r.identificativo);
    expect(byKind(h.p, 'riattivata@pec.demo.test', 'posta-certificata', r.identificativo).length).toBe(1);
  });
});

describe('idempotency', () => {
  it('answers a redelivered busta with no second presa in carico nor receipt', async () => {
    const r = await submit(h.p, MARIO, { to: [ANNA] }, { subject: 'Due volte' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    const [busta] = await waitFor(h.p, ANNA, 'posta-certificata', r.identificativo);
    await waitFor(h.p, MARIO, 'avvenuta-consegna', r.identificativo);
    const raw = await h.p.store.blobs.get(busta!.blobHash);
    const again = await h.p.incoming.receive({ raw, mailFrom: MARIO, rcptTo: [ANNA], remote: '192.0.2.1', tls: true });
    expect(again.status).toBe('accepted');
    await Bun.sleep(300);
    expect(byKind(h.p, ANNA, 'posta-certificata', r.identificativo).length).toBe(1);
    expect(byKind(h.p, MARIO, 'avvenuta-consegna', r.identificativo).length).toBe(1);
    h.p.pec.pecLog.flush();
    const prese = h.p.store.pecLog.query({ identificativo: r.identificativo }).filter((x) => x.eventType === 'PresaInCarico' && x.details['direzione'] === 'emessa');
    expect(prese.length).toBe(1);
  });

  it('shows a receipt redelivered by the peer only once', async () => {
    const r = await submit(h.p, MARIO, { to: [ANNA] }, { subject: 'Ricevuta doppia' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    const [c] = await waitFor(h.p, MARIO, 'avvenuta-consegna', r.identificativo);
    const raw = await h.p.store.blobs.get(c!.blobHash);
    expect((await h.p.incoming.receive({ raw, mailFrom: h.p.serviceAddress, rcptTo: [MARIO], remote: '192.0.2.1', tls: true })).status).toBe('accepted');
    await Bun.sleep(300);
    expect(byKind(h.p, MARIO, 'avvenuta-consegna', r.identificativo).length).toBe(1);
  });
});

describe('virus at the receiving side (RFC 6109 §3.2.3, SPEC §3.8)', () => {
  it('does not deliver an infected envelope, quarantines it and gives the sender an avviso di mancata consegna per virus', async () => {
    // A scanner that flags a marker only inside postacert.eml (the rewritten original carries X-Riferimento-Message-ID):
    // the access point lets the submission through, the receiving side finds it (e.g. a signature update in between).
    const deps = h.p.pec.deps;
    const scanner = deps.scanner;
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    deps.scanner = { scan: async (raw) => (text(raw).includes('MARCATORE-VIRUS') && text(raw).includes('X-Riferimento-Message-ID') ? { infected: true, virus: 'Test.Marcatore' } : { infected: false }) };
    try {
      const r = await submit(h.p, MARIO, { to: [ANNA] }, { subject: 'Infetto', body: 'MARCATORE-VIRUS' });
      if (r.status !== 'accepted') throw new Error('not accepted');
      const [m] = await waitFor(h.p, MARIO, 'errore-consegna', r.identificativo);
      const pec = await expectCertified(h.p, m!, 'errore-consegna');
      expect(pec.daticert!.errore).toBe('virus');
      expect(pec.verificaSicurezza).toBe(true);
      expect(codiceDa(pec.daticert!.erroreEsteso)).toBe('5.7.1');
      expect(byKind(h.p, ANNA, 'posta-certificata', r.identificativo)).toEqual([]);
      expect(h.p.pec.repo.quarantined().some((q) => q.identificativo === r.identificativo && q.side === 'ricezione')).toBe(true);
      expect(h.p.pec.repo.recipient(r.identificativo, ANNA)?.state).toBe('errore');
      // The rilevazione virus itself goes provider-to-provider only.
      expect(byKind(h.p, MARIO, 'rilevazione-virus')).toEqual([]);
    } finally {
      deps.scanner = scanner;
    }
  });
});
