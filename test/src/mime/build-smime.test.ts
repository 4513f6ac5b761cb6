import { describe, expect, it } from 'bun:test';
import { attachmentPart, foldHeader, messagePart, multipart, textPart } from '../../../src/mime/build.ts';
import { decodedBody, partFilename, partText } from '../../../src/mime/part-content.ts';
import { findHeader, parseRawTree, rawBody } from '../../../src/mime/raw-tree.ts';
import { splitSigned, wrapSigned } from '../../../src/mime/smime.ts';
import { testSigner } from '../../fixtures/pec/test-signer.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

describe('MIME builder', () => {
  it('folds long header values at whitespace within 78 columns', () => {
    const f = foldHeader('To', Array.from({ length: 12 }, (_, i) => `utente${i}@pec.example.test`).join(', '));
    for (const line of f.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
    expect(f.replace(/\r\n /g, ' ')).toContain('utente0@pec.example.test, utente1');
  });

  it('never lets a value inject another header field', () => {
    const f = foldHeader('Subject', 'x\r\nBcc: victim@example.test\0');
    expect(f.split('\r\n')).toHaveLength(1);
    const tree = parseRawTree(enc(f + '\r\n\r\n'));
    expect(findHeader(tree.headers, 'bcc')).toBeUndefined();
  });

  it.each([
    ['ASCII', 'ciao\nmondo', 'us-ascii', '7bit'],
    ['Latin-1', 'perché è così', 'iso-8859-1', 'quoted-printable'],
    ['beyond Latin-1', 'prezzo €', 'utf-8', 'quoted-printable'],
  ])('writes %s text with the right charset and encoding', (_n, text, charset, cte) => {
    const bytes = textPart(text);
    const p = parseRawTree(bytes);
    expect(p.contentType.params.charset).toBe(charset);
    expect(findHeader(p.headers, 'content-transfer-encoding')).toBe(cte);
    expect(partText(bytes, p)).toBe(text.replace(/\n/g, '\r\n'));
  });

  it('builds multipart/mixed with attachments and message/rfc822 carried byte for byte', () => {
    const inner = enc('Subject: dentro\r\nMessage-ID: <a@b>\r\n\r\ncorpo\r\n');
    const data = new Uint8Array([0, 1, 2, 255]);
    const bytes = multipart('mixed', [textPart('x'), attachmentPart({ contentType: 'application/octet-stream', filename: 'dati è.bin', data }), messagePart(inner)]);
    const root = parseRawTree(bytes);
    const [, att, msg] = root.children;
    expect(partFilename(att!)).toBe('dati è.bin');
    expect(decodedBody(bytes, att!)).toEqual(data);
    expect(rawBody(bytes, msg!)).toEqual(inner);
    expect(findHeader(msg!.headers, 'content-transfer-encoding')).toBe('7bit');
    expect(msg!.children[0]!.headers.map((h) => h.name)).toEqual(['Subject', 'Message-ID']);
  });

  it('chooses a boundary that does not occur in the parts', () => {
    const a = textPart('--fake');
    const bytes = multipart('mixed', [a]);
    expect(parseRawTree(bytes).children).toHaveLength(1);
  });
});

describe('S/MIME multipart/signed', () => {
  it('wraps a signed entity so openssl verifies it, and splits the exact signed bytes back', async () => {
    const signer = await testSigner();
    const inner = multipart('mixed', [textPart('Ricevuta di prova')]);
    const cms = await signer.signDetached(inner);
    const raw = wrapSigned(inner, cms, [['From', signer.address], ['Subject', 'prova']]);
    expect(await signer.verifyMessage(raw)).toBe(true);
    const split = splitSigned(raw)!;
    expect(split.signedBytes).toEqual(inner);
    expect(split.cmsDer).toEqual(cms);
    expect(split.micalg).toBe('sha-256');
    expect(dec(raw).replace(/\r\n[ \t]/g, ' ')).toContain('protocol="application/pkcs7-signature"; micalg=sha-256');
  });

  it('canonicalises an LF-only copy back to the signed CRLF bytes', async () => {
    const signer = await testSigner();
    const inner = multipart('mixed', [textPart('riga uno\nriga due')]);
    const raw = wrapSigned(inner, await signer.signDetached(inner), [['From', signer.address]]);
    const lf = enc(dec(raw).replace(/\r\n/g, '\n'));
    const split = splitSigned(lf)!;
    expect(split.signedBytes).toEqual(inner);
    expect((await signer.verify(split.signedBytes, split.cmsDer)).status).toBe('valid');
  });

  it('returns null for unsigned messages and multipart/signed without a signature part', () => {
    expect(splitSigned(enc('Subject: x\r\n\r\nbody'))).toBeNull();
    const noSig = enc('Content-Type: multipart/signed; boundary=s\r\n\r\n--s\r\n\r\ncontent\r\n--s--\r\n');
    expect(splitSigned(noSig)).toBeNull();
  });
});
