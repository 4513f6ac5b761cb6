import { describe, expect, it } from 'bun:test';
import { buildAccettazione } from '../../../src/pec/accettazione.ts';
import { buildAnomalia } from '../../../src/pec/anomalia.ts';
import type { BuiltMessage } from '../../../src/pec/assemble.ts';
import { buildAvvenutaConsegna } from '../../../src/pec/avvenuta-consegna.ts';
import { buildBustaTrasporto } from '../../../src/pec/busta-trasporto.ts';
import { type PecKind, readPecMessage } from '../../../src/pec/classify.ts';
import { buildDaticert } from '../../../src/pec/daticert.ts';
import { buildErroreConsegna } from '../../../src/pec/errore-consegna.ts';
import { buildNonAccettazione } from '../../../src/pec/non-accettazione.ts';
import { buildPreavvisoErroreConsegna } from '../../../src/pec/preavviso-errore-consegna.ts';
import { buildPresaInCarico } from '../../../src/pec/presa-in-carico.ts';
import { buildRilevazioneVirus } from '../../../src/pec/rilevazione-virus.ts';
import { findHeader, parseRawTree, walkParts } from '../../../src/mime/raw-tree.ts';
import { partText } from '../../../src/mime/part-content.ts';
import { decodeWords } from '../../../src/mime/encoded-words.ts';
import { CLIENT_MSGID, IDENTIFICATIVO, INTESTAZIONE, ORIGINAL_BYTES, context, validateDaticert } from '../../fixtures/pec/pec-fixtures.ts';
import { testSigner } from '../../fixtures/pec/test-signer.ts';

const base = async () => ({ ...(await context()), intestazione: INTESTAZIONE, identificativo: IDENTIFICATIVO, msgid: CLIENT_MSGID });
const busta = async () => buildBustaTrasporto({ ...(await context()), original: ORIGINAL_BYTES, identificativo: IDENTIFICATIVO, intestazione: INTESTAZIONE });

interface Case {
  name: string;
  kind: PecKind;
  subject: string;
  headers: Record<string, string>;
  build: () => Promise<BuiltMessage>;
}

const CASES: Case[] = [
  { name: 'busta di trasporto', kind: 'posta-certificata', subject: 'POSTA CERTIFICATA: ', headers: { 'x-trasporto': 'posta-certificata', 'x-tiporicevuta': 'breve' }, build: busta },
  { name: 'accettazione', kind: 'accettazione', subject: 'ACCETTAZIONE: ', headers: { 'x-ricevuta': 'accettazione' }, build: async () => buildAccettazione(await base()) },
  { name: 'non accettazione (formale)', kind: 'non-accettazione', subject: 'AVVISO DI NON ACCETTAZIONE: ', headers: { 'x-ricevuta': 'non-accettazione' },
    build: async () => buildNonAccettazione({ ...(await base()), causa: 'formale', erroreEsteso: 'campo Bcc valorizzato' }) },
  { name: 'non accettazione (virus)', kind: 'non-accettazione', subject: 'AVVISO DI NON ACCETTAZIONE PER VIRUS: ', headers: { 'x-verificasicurezza': 'errore' },
    build: async () => buildNonAccettazione({ ...(await base()), causa: 'virus', erroreEsteso: 'Eicar-Test-Signature' }) },
  { name: 'presa in carico', kind: 'presa-in-carico', subject: 'PRESA IN CARICO: ', headers: { to: 'servizio@pec.test-gestore.example' },
    build: async () => buildPresaInCarico({ ...(await base()), ricezione: ['anna.bianchi@pec2.example.test', 'luigi.verdi@pec2.example.test'], mailReceipt: 'servizio@pec.test-gestore.example' }) },
  { name: 'avvenuta consegna (breve, To)', kind: 'avvenuta-consegna', subject: 'CONSEGNA: ', headers: { 'x-ricevuta': 'avvenuta-consegna' },
    build: async () => buildAvvenutaConsegna({ ...(await base()), consegna: 'anna.bianchi@pec2.example.test', richiesta: 'breve', postacert: (await busta()).postacert }) },
  { name: 'errore consegna (casella inesistente)', kind: 'errore-consegna', subject: 'AVVISO DI MANCATA CONSEGNA: ', headers: { 'x-ricevuta': 'errore-consegna' },
    build: async () => buildErroreConsegna({ ...(await base()), consegna: 'anna.bianchi@pec2.example.test', motivo: 'casella-inesistente' }) },
  { name: 'errore consegna (virus)', kind: 'errore-consegna', subject: 'AVVISO DI MANCATA CONSEGNA PER VIRUS: ', headers: { 'x-verificasicurezza': 'errore' },
    build: async () => buildErroreConsegna({ ...(await base()), consegna: 'anna.bianchi@pec2.example.test', motivo: 'virus', dettaglio: 'Eicar-Test-Signature' }) },
  { name: 'preavviso 12 h', kind: 'preavviso-errore-consegna', subject: 'AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: ', headers: {},
    build: async () => buildPreavvisoErroreConsegna({ ...(await base()), consegna: 'anna.bianchi@pec2.example.test', fase: '12h' }) },
  { name: 'preavviso 24 h', kind: 'preavviso-errore-consegna', subject: 'AVVISO DI MANCATA CONSEGNA PER SUP. TEMPO MASSIMO: ', headers: { to: INTESTAZIONE.mittente },
    build: async () => buildPreavvisoErroreConsegna({ ...(await base()), consegna: 'anna.bianchi@pec2.example.test', fase: '24h' }) },
  { name: 'rilevazione virus', kind: 'rilevazione-virus', subject: 'PROBLEMA DI SICUREZZA: ', headers: { 'x-mittente': INTESTAZIONE.mittente },
    build: async () => buildRilevazioneVirus({ ...(await base()), consegna: 'anna.bianchi@pec2.example.test', virus: 'Eicar-Test-Signature', mailReceipt: 'servizio@pec.test-gestore.example' }) },
  { name: 'busta di anomalia', kind: 'anomalia', subject: 'ANOMALIA MESSAGGIO: ', headers: { 'x-trasporto': 'errore', 'message-id': CLIENT_MSGID },
    build: async () => buildAnomalia({ ...(await context()), received: ORIGINAL_BYTES, destinatari: ['anna.bianchi@pec2.example.test'], descrizioneErrore: 'firma non valida' }) },
];

describe('PEC builders round-trip through readPecMessage', () => {
  for (const c of CASES) {
    it(`builds a ${c.name} that reads back as ${c.kind} with the same data`, async () => {
      const signer = await testSigner();
      const built = await c.build();
      const m = await readPecMessage(built.raw, { verify: signer.verify, trust: (r, from) => ({ trusted: r.signer?.email === from }) });
      expect(m.kind).toBe(c.kind);
      expect(m.problems).toEqual([]);
      // From is the service address on every type (RFC 6109 §2.1), so the From == signer trust rule holds.
      expect(m.signature).toMatchObject({ status: 'valid', trusted: true, signer: signer.address });
      expect(await signer.verifyMessage(built.raw)).toBe(true);
      const h = parseRawTree(built.raw).headers;
      expect(decodeWords(findHeader(h, 'subject')!)).toBe(c.subject + 'Contratto di fornitura € 2025');
      expect(findHeader(h, 'date')).toBe('Mon, 10 Mar 2025 10:15:04 +0100');
      for (const [k, v] of Object.entries(c.headers)) expect(findHeader(h, k)).toBe(v);
      if (c.kind === 'anomalia') {
        expect(m.daticert).toBeUndefined();
        expect(m.original).toEqual(ORIGINAL_BYTES);
        return;
      }
      expect(m.daticert).toEqual(built.daticert!);
      expect(m.daticert!.data).toEqual({ zona: '+0100', giorno: '10/03/2025', ora: '10:15:04' });
      expect(m.references.identificativo).toBe(IDENTIFICATIVO);
      expect(m.references.msgid).toBe(CLIENT_MSGID);
      expect(m.references.riferimentoMessageId).toBe(CLIENT_MSGID);
      const v = await validateDaticert(buildDaticert(built.daticert!));
      expect(v.stderr).toBe('');
      expect(v.ok).toBe(true);
    });
  }
});

describe('hostile text in builders', () => {
  const HOSTILE = 'x <script>alert(1)</script> ]]> & "q" \0 =?utf-8?B?PHNjcmlwdD4=?= è';
  it('escapes the subject in HTML and XML and keeps the daticert valid', async () => {
    const signer = await testSigner();
    const intestazione = { ...INTESTAZIONE, oggetto: HOSTILE };
    const built = await buildAccettazione({ ...(await context()), intestazione, identificativo: IDENTIFICATIVO });
    expect(new TextDecoder('latin1').decode(built.raw)).not.toContain('\0');
    const html = [...walkParts(parseRawTree(built.raw))].find((p) => p.contentType.subtype === 'html')!;
    const htmlText = partText(built.raw, html);
    expect(htmlText).not.toContain('<script>');
    expect(htmlText).toContain('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;');
    const m = await readPecMessage(built.raw, { verify: signer.verify });
    expect(m.daticert?.intestazione.oggetto).toBe(HOSTILE.replace('\0', ''));
    expect((await validateDaticert(buildDaticert(built.daticert!))).ok).toBe(true);
    // the literal encoded-word of the original stays literal text: it is not decoded twice
    const subject = decodeWords(findHeader(parseRawTree(built.raw).headers, 'subject')!);
    expect(subject).toBe('ACCETTAZIONE: ' + HOSTILE.replace('\0', ''));
  });

  it('reads an LF-only copy of a built message with the same result', async () => {
    const signer = await testSigner();
    const built = await buildAccettazione({ ...(await context()), intestazione: INTESTAZIONE, identificativo: IDENTIFICATIVO });
    const lf = new TextEncoder().encode(new TextDecoder('latin1').decode(built.raw).replace(/\r\n/g, '\n'));
    const m = await readPecMessage(lf, { verify: signer.verify });
    expect(m.kind).toBe('accettazione');
    expect(m.signature.status).toBe('valid');
    expect(m.daticert).toEqual(built.daticert!);
  });
});

describe('readPecMessage on altered messages', () => {
  it('reports a tampered body as an invalid signature, never trusted', async () => {
    const signer = await testSigner();
    const built = await buildAccettazione({ ...(await context()), intestazione: INTESTAZIONE, identificativo: IDENTIFICATIVO });
    const text = new TextDecoder('latin1').decode(built.raw).replace('accettato dal sistema', 'rifiutato dal sistema');
    const m = await readPecMessage(Uint8Array.from(text, (c) => c.charCodeAt(0)), { verify: signer.verify, trust: () => ({ trusted: true }) });
    expect(m.kind).toBe('accettazione');
    expect(m.signature).toMatchObject({ status: 'invalid', trusted: false });
  });

  it('falls back to the signed daticert tipo when the X-Ricevuta header was stripped', async () => {
    const signer = await testSigner();
    const built = await buildAccettazione({ ...(await context()), intestazione: INTESTAZIONE, identificativo: IDENTIFICATIVO });
    const text = new TextDecoder('latin1').decode(built.raw).replace('X-Ricevuta: accettazione\r\n', '');
    const m = await readPecMessage(Uint8Array.from(text, (c) => c.charCodeAt(0)), { verify: signer.verify });
    expect(m.kind).toBe('accettazione');
    expect(m.signature.status).toBe('valid');
  });

  it.each([
    ['plain mail', 'From: a@x.test\r\nSubject: ciao\r\n\r\nbody\r\n'],
    ['an invalid X-Ricevuta value (not in RFC 6109 App. A)', 'X-Ricevuta: mancata-consegna\r\nSubject: x\r\n\r\nbody\r\n'],
  ])('reads %s as ordinary', async (_n, raw) => {
    const m = await readPecMessage(new TextEncoder().encode(raw), { verify: (await testSigner()).verify });
    expect(m.kind).toBe('ordinary');
    expect(m.signature.status).toBe('absent');
  });

  it('reads a message breaking a MIME limit as ordinary with the problem recorded', async () => {
    let body = 'x';
    for (let i = 0; i < 40; i++) body = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n${body}\r\n--b${i}--`;
    const m = await readPecMessage(new TextEncoder().encode('X-Ricevuta: accettazione\r\n' + body), { verify: (await testSigner()).verify });
    expect(m.kind).toBe('ordinary');
    expect(m.problems[0]).toStartWith('mime:');
  });
});
