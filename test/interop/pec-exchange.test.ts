import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { codiceDa } from '../../src/pec/errore-consegna.ts';
import { fasePreavviso } from '../../src/pec/preavviso-errore-consegna.ts';
import { EICAR_SIGNATURE } from '../../src/pec/virus-scan.ts';
import { byKind, expectCertified, submit, until, waitFor } from '../actors/pec/helpers.ts';
import { type Peer, freePort, startTwoProviders } from './two-providers.ts';

const HOUR = 3_600_000;
let a: Peer;
let b: Peer;
let env: Awaited<ReturnType<typeof startTwoProviders>>;
const MARIO = 'mario@pec.alfa.test';
const LUCIA = 'lucia@pec.alfa.test';
const ANNA = 'anna@pec.beta.test';
const PIERO = 'piero@pec.beta.test';
const MUTO = 'nessuno@pec.muto.test';

beforeAll(async () => {
  const closed = await freePort(); // nothing listens here: a provider that never answers
  env = await startTwoProviders(`pec.muto.test=127.0.0.1:${closed},example.net=127.0.0.1:${closed}`);
  ({ a, b } = env);
  for (const x of [MARIO, LUCIA]) await a.p.provisioning.addMailbox({ address: x });
  for (const x of [ANNA, PIERO]) await b.p.provisioning.addMailbox({ address: x });
  a.p.index.add({ dn: 'providerName=Muto,o=postacert', providerName: 'Muto', providerCertificateHash: [], providerCertificate: [], mailReceipt: 'posta-certificata@pec.muto.test', managedDomains: ['pec.muto.test'] });
}, 60_000);
afterAll(async () => {
  await env.stop();
});

async function accepted(r: Awaited<ReturnType<typeof submit>>): Promise<string> {
  if (r.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(r)}`);
  return r.identificativo;
}

describe('interoperability over SMTP on loopback (RFC 6109 §3.5)', () => {
  it('A → B: busta verified at B, presa in carico and avvenuta consegna signed by B and trusted at A', async () => {
    const id = await accepted(await submit(a.p, MARIO, { to: [ANNA] }, { subject: 'Da Alfa a Beta' }));
    await expectCertified(a.p, (await waitFor(a.p, MARIO, 'accettazione', id))[0]!, 'accettazione');
    const [busta] = await waitFor(b.p, ANNA, 'posta-certificata', id);
    const bp = await expectCertified(b.p, busta!, 'posta-certificata');
    expect(bp.daticert!.gestoreEmittente).toBe('Gestore Alfa S.p.A.');
    const [c] = await waitFor(a.p, MARIO, 'avvenuta-consegna', id);
    const cp = await expectCertified(a.p, c!, 'avvenuta-consegna');
    expect(cp.daticert!.gestoreEmittente).toBe('Gestore Beta S.p.A.');
    expect(cp.daticert!.consegna).toBe(ANNA);
    const rc = await until(() => (a.p.pec.repo.recipient(id, ANNA)?.presaInCaricoAt ? a.p.pec.repo.recipient(id, ANNA) : null), 'presa in carico at A');
    expect(rc.state).toBe('consegnata');
    // The envelope reached B's MX over STARTTLS (static route, chain checked against the imported CA).
    b.p.pec.pecLog.flush();
    const presa = b.p.store.pecLog.query({ identificativo: id }).find((x) => x.eventType === 'PresaInCarico');
    expect(presa?.details['tls']).toBe(true);
  });

  it('B → A the same way', async () => {
    const id = await accepted(await submit(b.p, ANNA, { to: [MARIO] }, { subject: 'Da Beta ad Alfa' }));
    await expectCertified(a.p, (await waitFor(a.p, MARIO, 'posta-certificata', id))[0]!, 'posta-certificata');
    await expectCertified(b.p, (await waitFor(b.p, ANNA, 'avvenuta-consegna', id))[0]!, 'avvenuta-consegna');
  });

  it('one message to both providers and an ordinary address: receipts from each provider, accettazione only for the ordinary one', async () => {
    const id = await accepted(await submit(a.p, MARIO, { to: [LUCIA, ANNA, 'amico@example.net'], cc: [PIERO] }, { subject: 'A tutti', tipo: 'breve' }));
    const receipts = await waitFor(a.p, MARIO, 'avvenuta-consegna', id, 3);
    const read = await Promise.all(receipts.map((m) => expectCertified(a.p, m, 'avvenuta-consegna')));
    const by = (x: string) => read.find((r) => r.daticert!.consegna === x)!;
    expect(by(LUCIA).daticert!.gestoreEmittente).toBe('Gestore Alfa S.p.A.');
    expect(by(ANNA).daticert!.gestoreEmittente).toBe('Gestore Beta S.p.A.');
    expect(by(ANNA).original).toBeDefined(); // breve: the original with attachments hashed
    expect(by(PIERO).original).toBeUndefined(); // Cc: sintetica
    expect(by(PIERO).daticert!.ricevuta).toBe('breve'); // D5
    const acc = await expectCertified(a.p, (await waitFor(a.p, MARIO, 'accettazione', id))[0]!, 'accettazione');
    expect(acc.daticert!.intestazione.destinatari.find((d) => d.address === 'amico@example.net')?.tipo).toBe('esterno');
    expect(a.p.pec.repo.outbound(`busta:${id}:example.net`)?.kind).toBe('busta');
  });

  it('an unknown recipient at B gives A an avviso di mancata consegna 5.1.1 signed by B', async () => {
    const id = await accepted(await submit(a.p, MARIO, { to: ['sconosciuto@pec.beta.test'] }, { subject: 'Chi?' }));
    const [m] = await waitFor(a.p, MARIO, 'errore-consegna', id);
    const pec = await expectCertified(a.p, m!, 'errore-consegna');
    expect(codiceDa(pec.daticert!.erroreEsteso)).toBe('5.1.1');
    expect(pec.daticert!.gestoreEmittente).toBe('Gestore Beta S.p.A.');
  });

  it('a virus: refused at A; found at B it becomes a rilevazione virus and A tells its user', async () => {
    const r = await submit(a.p, MARIO, { to: [ANNA] }, { body: EICAR_SIGNATURE });
    expect(r.status).toBe('not-accepted');
    const scanner = b.p.pec.deps.scanner;
    b.p.pec.deps.scanner = { scan: async (raw) => (new TextDecoder().decode(raw).includes('MARCATORE-VIRUS') ? { infected: true, virus: 'Test.Marcatore' } : { infected: false }) };
    try {
      const id = await accepted(await submit(a.p, MARIO, { to: [ANNA] }, { subject: 'Infetto', body: 'MARCATORE-VIRUS' }));
      const [m] = await waitFor(a.p, MARIO, 'errore-consegna', id);
      const pec = await expectCertified(a.p, m!, 'errore-consegna');
      expect(pec.daticert!.errore).toBe('virus');
      expect(pec.verificaSicurezza).toBe(true);
      expect(byKind(b.p, ANNA, 'posta-certificata', id)).toEqual([]);
      expect(b.p.pec.repo.quarantined().some((q) => q.identificativo === id)).toBe(true);
    } finally {
      b.p.pec.deps.scanner = scanner;
    }
  });

  it('a peer that never answers: 12 h preavviso and 24 h notice', async () => {
    const id = await accepted(await submit(a.p, MARIO, { to: [MUTO] }, { subject: 'Silenzio' }));
    await until(() => a.p.pec.repo.outbound(`busta:${id}:pec.muto.test`)?.attempts, 'first attempt');
    env.clock.advance(12 * HOUR);
    const [n12] = await waitFor(a.p, MARIO, 'preavviso-errore-consegna', id);
    expect(fasePreavviso((await expectCertified(a.p, n12!, 'preavviso-errore-consegna')).daticert!)).toBe('12h');
    env.clock.advance(12 * HOUR);
    const both = await waitFor(a.p, MARIO, 'preavviso-errore-consegna', id, 2);
    expect(fasePreavviso((await expectCertified(a.p, both[1]!, 'preavviso-errore-consegna')).daticert!)).toBe('24h');
  });
});
