import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { ANNA, type Harness, MARIO, PROTOCOLLO, byKind, expectCertified, folderMessages, startHarness, submit, until, waitFor } from './helpers.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe('same-provider PEC flow (RFC 6109 §3.4)', () => {
  it('delivers mario → anna with accettazione, busta, presa in carico and avvenuta consegna, all signed and DTD-valid', async () => {
    const { p } = h;
    const r = await submit(p, MARIO, { to: [ANNA] }, { subject: 'Contratto' });
    expect(r.status).toBe('accepted');
    if (r.status !== 'accepted') return;
    const id = r.identificativo;
    expect(r.messageId).toBe(id);

    const [acc] = await waitFor(p, MARIO, 'accettazione', id);
    const accPec = await expectCertified(p, acc!, 'accettazione');
    expect(accPec.daticert!.intestazione.destinatari).toEqual([{ address: ANNA, tipo: 'certificato' }]);
    expect(accPec.daticert!.identificativo).toBe(id);

    const [busta] = await waitFor(p, ANNA, 'posta-certificata', id);
    const bustaPec = await expectCertified(p, busta!, 'posta-certificata');
    expect(bustaPec.original).toBeDefined();
    // D13: one instant for the transaction: the envelope's certification time is the accettazione's.
    expect(bustaPec.daticert!.data).toEqual(accPec.daticert!.data);

    const [consegna] = await waitFor(p, MARIO, 'avvenuta-consegna', id);
    const cPec = await expectCertified(p, consegna!, 'avvenuta-consegna');
    expect(cPec.daticert!.consegna).toBe(ANNA);
    expect(cPec.daticert!.ricevuta).toBe('completa');
    expect(cPec.original).toBeDefined(); // completa carries postacert.eml

    // The presa in carico went to our service mailbox and moved the recipient; it is never shown to users.
    const rc = await until(() => {
      const x = p.pec.repo.recipient(id, ANNA);
      return x?.state === 'consegnata' && x.presaInCaricoAt ? x : null;
    }, 'recipient consegnata');
    expect(rc.consegnaMsgid).toBeTruthy();
    expect(byKind(p, MARIO, 'presa-in-carico')).toEqual([]);
    expect(folderMessages(p, MARIO, '\\Sent').some((m) => m.pecIdentificativo === id)).toBe(true);
    // Both deadlines are cancelled once the consegna arrived (SPEC §0 D3).
    expect(p.store.durable.timersAll().filter((t) => t.id.includes(id))).toEqual([]);
  });

  it('writes the PEC log with the three identifiers of D17 for every step', async () => {
    const { p } = h;
    const r = await submit(p, MARIO, { to: [ANNA] }, { subject: 'Log' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    await waitFor(p, MARIO, 'avvenuta-consegna', r.identificativo);
    const records = await until(() => {
      p.pec.pecLog.flush();
      const q = p.store.pecLog.query({ identificativo: r.identificativo });
      return q.filter((x) => x.eventType === 'Consegna').length >= 2 ? q : null;
    }, 'log records');
    const types = records.map((x) => x.eventType);
    for (const t of ['Accettazione', 'BustaTrasporto', 'PresaInCarico', 'Consegna'] as const) expect(types).toContain(t);
    for (const x of records) {
      expect(x.identificativo).toBe(r.identificativo);
      expect(x.clientMsgid).toMatch(/^<client-/);
      expect(x.generatedMessageId).toBeTruthy();
      expect(x.mittente).toBe(MARIO);
    }
    expect(p.store.pecLog.verifyChain().ok).toBe(true);
  });

  it('sends a ricevuta sintetica to a Cc recipient and the requested type to a To recipient (SPEC §5.6)', async () => {
    const { p } = h;
    const r = await submit(p, MARIO, { to: [ANNA], cc: [PROTOCOLLO] }, { subject: 'Con copia' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    const receipts = await waitFor(p, MARIO, 'avvenuta-consegna', r.identificativo, 2);
    const read = await Promise.all(receipts.map((m) => expectCertified(p, m, 'avvenuta-consegna')));
    const toAnna = read.find((x) => x.daticert!.consegna === ANNA)!;
    const toProt = read.find((x) => x.daticert!.consegna === PROTOCOLLO)!;
    expect(toAnna.original).toBeDefined();
    expect(toProt.original).toBeUndefined(); // sintetica: no postacert.eml
    // D5: <ricevuta tipo> is the requested type even for the Cc recipient.
    expect(toProt.daticert!.ricevuta).toBe('completa');
    expect(p.pec.repo.recipient(r.identificativo, PROTOCOLLO)?.header).toBe('cc');
  });

  it.each([
    ['breve', true],
    ['sintetica', false],
  ] as const)('honours X-TipoRicevuta: %s', async (tipo, withOriginal) => {
    const { p } = h;
    const r = await submit(p, MARIO, { to: [ANNA] }, { subject: `Tipo ${tipo}`, tipo });
    if (r.status !== 'accepted') throw new Error('not accepted');
    const [m] = await waitFor(p, MARIO, 'avvenuta-consegna', r.identificativo);
    const pec = await expectCertified(p, m!, 'avvenuta-consegna');
    expect(pec.daticert!.ricevuta).toBe(tipo);
    expect(pec.original !== undefined).toBe(withOriginal);
  });

  it('takes the receipt type from the webmail form when the bytes carry none', async () => {
    const { p } = h;
    const r = await submit(p, MARIO, { to: [ANNA] }, { subject: 'Form', tipoRicevuta: 'sintetica' });
    if (r.status !== 'accepted') throw new Error('not accepted');
    const [m] = await waitFor(p, MARIO, 'avvenuta-consegna', r.identificativo);
    expect((await expectCertified(p, m!, 'avvenuta-consegna')).daticert!.ricevuta).toBe('sintetica');
  });
});
