import { describe, expect, it } from 'bun:test';
import { createHash } from 'node:crypto';
import { buildAvvenutaConsegna, varianteFor } from '../../../src/pec/avvenuta-consegna.ts';
import { buildBustaTrasporto } from '../../../src/pec/busta-trasporto.ts';
import { readPecMessage } from '../../../src/pec/classify.ts';
import { PecError } from '../../../src/pec/errors.ts';
import { rewriteOriginal } from '../../../src/pec/original.ts';
import { applyRicevutaBreve } from '../../../src/pec/ricevuta-breve.ts';
import { findHeader, parseRawTree, rawBody } from '../../../src/mime/raw-tree.ts';
import { CLIENT_MSGID, IDENTIFICATIVO, INTESTAZIONE, ORIGINAL, ORIGINAL_BYTES, context } from '../../fixtures/pec/pec-fixtures.ts';
import { testSigner } from '../../fixtures/pec/test-signer.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('busta di trasporto', () => {
  it('carries the rewritten original byte for byte as postacert.eml', async () => {
    const b = await buildBustaTrasporto({ ...(await context()), original: ORIGINAL_BYTES, identificativo: IDENTIFICATIVO, intestazione: INTESTAZIONE });
    const expected = rewriteOriginal(ORIGINAL_BYTES, IDENTIFICATIVO).bytes;
    expect(b.postacert).toEqual(expected);
    const m = await readPecMessage(b.raw, { verify: (await testSigner()).verify });
    expect(m.original).toEqual(expected);
    const h = parseRawTree(expected).headers;
    expect(findHeader(h, 'message-id')).toBe(`<${IDENTIFICATIVO}>`);
    expect(findHeader(h, 'x-riferimento-message-id')).toBe(CLIENT_MSGID);
    // everything but the Message-ID line is unchanged
    expect(dec(expected).replace(/Message-ID: .*\r\nX-Riferimento-Message-ID: .*\r\n/, `Message-ID: ${CLIENT_MSGID}\r\n`)).toBe(ORIGINAL);
  });

  it('sets the envelope header per RFC 6109 §3.1.5', async () => {
    const b = await buildBustaTrasporto({ ...(await context()), original: ORIGINAL_BYTES, identificativo: IDENTIFICATIVO, intestazione: INTESTAZIONE });
    const h = parseRawTree(b.raw).headers;
    expect(findHeader(h, 'from')).toBe('"Per conto di: mario.rossi@pec.test-gestore.example" <posta-certificata@pec.test-gestore.example>');
    expect(findHeader(h, 'reply-to')).toBe(INTESTAZIONE.mittente);
    expect(findHeader(h, 'to')).toBe('anna.bianchi@pec2.example.test');
    expect(findHeader(h, 'cc')).toBe('luigi.verdi@pec2.example.test, giulia@example.com');
    expect(findHeader(h, 'received')).toStartWith('from [192.0.2.7]');
    expect(findHeader(h, 'message-id')).toBe(`<${IDENTIFICATIVO}>`);
    expect(b.messageId).toBe(IDENTIFICATIVO);
    expect(b.daticert?.ricevuta).toBe('breve');
  });

  it('omits X-Riferimento-Message-ID and <msgid> when the client sent no Message-ID (D11)', async () => {
    const original = enc(ORIGINAL.replace(`Message-ID: ${CLIENT_MSGID}\r\n`, ''));
    const b = await buildBustaTrasporto({ ...(await context()), original, identificativo: IDENTIFICATIVO, intestazione: INTESTAZIONE });
    expect(findHeader(parseRawTree(b.raw).headers, 'x-riferimento-message-id')).toBeUndefined();
    expect(b.daticert?.msgid).toBeUndefined();
    expect(findHeader(parseRawTree(b.postacert).headers, 'message-id')).toBe(`<${IDENTIFICATIVO}>`);
  });

  it('refuses an original that is not 7-bit clean (D16)', async () => {
    const original = enc(ORIGINAL.replace('In allegato', 'Già in allegato'));
    const p = buildBustaTrasporto({ ...(await context()), original, identificativo: IDENTIFICATIVO, intestazione: INTESTAZIONE });
    await expect(p).rejects.toBeInstanceOf(PecError);
    await expect(p).rejects.toMatchObject({ code: 'not-seven-bit', enhancedStatus: '5.6.3' });
  });

  it('adds the Message-ID to a header-only original without a final line break', () => {
    const out = dec(rewriteOriginal(enc('Subject: x'), IDENTIFICATIVO).bytes);
    expect(out).toBe(`Subject: x\r\nMessage-ID: <${IDENTIFICATIVO}>\r\n`);
  });

  it('drops a client-forged X-Riferimento-Message-ID', () => {
    const forged = enc(ORIGINAL.replace('MIME-Version', 'X-Riferimento-Message-ID: <forged@x>\r\nMIME-Version'));
    const out = dec(rewriteOriginal(forged, IDENTIFICATIVO).bytes);
    expect(out).not.toContain('forged@x');
  });
});

describe('ricevuta di avvenuta consegna', () => {
  const postacert = rewriteOriginal(ORIGINAL_BYTES, IDENTIFICATIVO).bytes;

  it.each([
    ['completa', 'anna.bianchi@pec2.example.test', 'completa'],
    ['breve', 'anna.bianchi@pec2.example.test', 'breve'],
    ['completa', 'luigi.verdi@pec2.example.test', 'sintetica'],
    ['breve', 'LUIGI.VERDI@pec2.example.test', 'sintetica'],
    ['sintetica', 'anna.bianchi@pec2.example.test', 'sintetica'],
    ['completa', 'not-listed@pec2.example.test', 'completa'],
  ] as const)('requested %s for %s gives %s (SPEC §5.6)', (richiesta, rcpt, variante) => {
    expect(varianteFor(richiesta, rcpt, postacert)).toBe(variante);
  });

  it('sends a Cc recipient a sintetica without the original, keeping the requested tipo in daticert (D5)', async () => {
    const r = await buildAvvenutaConsegna({
      ...(await context()), intestazione: INTESTAZIONE, identificativo: IDENTIFICATIVO, msgid: CLIENT_MSGID,
      consegna: 'luigi.verdi@pec2.example.test', richiesta: 'completa', postacert,
    });
    expect(r.variante).toBe('sintetica');
    const m = await readPecMessage(r.raw, { verify: (await testSigner()).verify });
    expect(m.original).toBeUndefined();
    expect(m.daticert?.ricevuta).toBe('completa');
    expect(m.daticert?.consegna).toBe('luigi.verdi@pec2.example.test');
  });

  it('attaches the original byte for byte in a completa', async () => {
    const r = await buildAvvenutaConsegna({
      ...(await context()), intestazione: INTESTAZIONE, identificativo: IDENTIFICATIVO, consegna: 'anna.bianchi@pec2.example.test', richiesta: 'completa', postacert,
    });
    const m = await readPecMessage(r.raw, { verify: (await testSigner()).verify });
    expect(m.original).toEqual(postacert);
  });

  it('refuses a completa without the postacert', async () => {
    const p = buildAvvenutaConsegna({ ...(await context()), intestazione: INTESTAZIONE, identificativo: IDENTIFICATIVO, consegna: 'anna.bianchi@pec2.example.test', richiesta: 'completa' });
    await expect(p).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('ricevuta breve hashes (D9)', () => {
  it('replaces each attachment with the lowercase SHA-1 of its transmitted body', () => {
    const postacert = rewriteOriginal(ORIGINAL_BYTES, IDENTIFICATIVO).bytes;
    const tree = parseRawTree(postacert);
    const pdf = tree.children[1]!;
    const expected = createHash('sha1').update(rawBody(postacert, pdf)).digest('hex');
    // D9 by hand: from after the blank line to before the CRLF preceding "--b1--"
    const text = dec(postacert);
    const start = text.indexOf('JVBER');
    const end = text.indexOf('\r\n--b1--');
    expect(createHash('sha1').update(postacert.subarray(start, end)).digest('hex')).toBe(expected);
    const { bytes, hashed } = applyRicevutaBreve(postacert);
    expect(hashed).toEqual([{ filename: 'contratto.pdf.hash', sha1: expected }]);
    const out = parseRawTree(bytes);
    const rep = out.children[1]!;
    expect(rep.contentType).toMatchObject({ type: 'text', subtype: 'plain', params: { name: 'contratto.pdf.hash' } });
    expect(findHeader(rep.headers, 'content-disposition')).toBe('attachment; filename=contratto.pdf.hash');
    expect(dec(rawBody(bytes, rep))).toMatch(/^[0-9a-f]{40}$/);
    expect(dec(rawBody(bytes, out.children[0]!))).toBe('In allegato il contratto.');
  });

  it('keeps the smime.p7s of a signed original and names unnamed attached messages postacert-<n>.eml', () => {
    const signed = enc([
      'Content-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary=s', '', '--s',
      'Content-Type: multipart/mixed; boundary=m', '', '--m', 'Content-Type: text/plain', '', 'ciao', '--m',
      'Content-Type: message/rfc822', '', 'Subject: inner', '', 'body', '--m--', '--s',
      'Content-Type: application/pkcs7-signature; name=smime.p7s', 'Content-Transfer-Encoding: base64', '', 'MIIB', '--s--', '',
    ].join('\r\n'));
    const { bytes, hashed } = applyRicevutaBreve(signed);
    expect(hashed.map((h) => h.filename)).toEqual(['postacert-1.eml.hash']);
    expect(dec(bytes)).toContain('name=smime.p7s\r\nContent-Transfer-Encoding: base64\r\n\r\nMIIB');
  });

  it('leaves an opaque application/pkcs7-mime original unchanged', () => {
    const opaque = enc('Content-Type: application/pkcs7-mime; smime-type=signed-data; name=smime.p7m\r\n\r\nMIIB\r\n');
    expect(applyRicevutaBreve(opaque)).toEqual({ bytes: opaque, hashed: [] });
  });
});
