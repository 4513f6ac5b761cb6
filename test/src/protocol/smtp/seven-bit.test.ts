import { describe, expect, it } from 'bun:test';
import { parseAddressList } from '../../../../src/mime/addresses.ts';
import { decodeWords } from '../../../../src/mime/encoded-words.ts';
import { parseContentType, parseDisposition } from '../../../../src/mime/header-params.ts';
import { findHeader, parseRawTree, rawBody, walkParts } from '../../../../src/mime/raw-tree.ts';
import { decodeTransfer, isSevenBitClean } from '../../../../src/mime/transfer-encoding.ts';
import { toSevenBit } from '../../../../src/protocol/smtp/seven-bit.ts';

const enc = (s: string) => new TextEncoder().encode(s.replace(/\r?\n/g, '\r\n'));
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Decoded body of every leaf part, with its content type, for comparing before and after. */
function leaves(bytes: Uint8Array): Array<{ type: string; body: string }> {
  const tree = parseRawTree(bytes);
  return [...walkParts(tree)]
    .filter((p) => p.children.length === 0)
    .map((p) => ({
      type: `${p.contentType.type}/${p.contentType.subtype}`,
      body: Buffer.from(decodeTransfer(rawBody(bytes, p), findHeader(p.headers, 'content-transfer-encoding'))).toString('hex'),
    }));
}

const SIMPLE = `From: mario.rossi@pec.demo.test
To: anna.bianchi@pec.demo.test
Subject: prova
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Perché è così caro il caffè?
Seconda riga
`;

describe('toSevenBit', () => {
  it('returns a 7-bit message unchanged, same bytes', () => {
    const raw = enc('From: a@b.test\nSubject: ciao\n\nsolo ascii\n');
    const r = toSevenBit(raw);
    expect(r.bytes).toBe(raw);
    expect(r).toMatchObject({ converted: 0, clean: true });
  });

  it('re-encodes an 8-bit text part as quoted-printable and keeps its content', () => {
    const raw = enc(SIMPLE);
    const r = toSevenBit(raw);
    expect(r.clean).toBe(true);
    expect(isSevenBitClean(r.bytes)).toBe(true);
    const out = text(r.bytes);
    expect(out).toContain('Content-Transfer-Encoding: quoted-printable\r\n');
    expect(out).not.toContain('8bit');
    expect(out).toContain('Perch=C3=A9 =C3=A8 cos=C3=AC caro il caff=C3=A8?\r\nSeconda riga\r\n');
    expect(leaves(r.bytes)).toEqual(leaves(raw));
  });

  it('adds a Content-Transfer-Encoding field when the 8-bit part had none', () => {
    const r = toSevenBit(enc('From: a@b.test\n\nàèì\n'));
    expect(text(r.bytes)).toBe('From: a@b.test\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=C3=A0=C3=A8=C3=AC\r\n');
  });

  it('converts every part of a multipart: text to QP, binary to base64, 7-bit parts byte-exact', () => {
    const bin = Buffer.from([0x00, 0xff, 0x80, 0x41, 0x0d, 0x0a, 0xfe]).toString('latin1');
    const raw = new Uint8Array(Buffer.from(
      'From: a@b.test\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="XX"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n' +
        '--XX\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\ncaff\xe8\r\n' +
        '--XX\r\nContent-Type: text/plain\r\n\r\nascii only\r\n' +
        `--XX\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n${bin}\r\n` +
        '--XX--\r\n',
      'latin1',
    ));
    const r = toSevenBit(raw);
    expect(r.clean).toBe(true);
    expect(r.converted).toBe(3); // two leaves and the container's own label
    const out = text(r.bytes);
    expect(out).toContain('Content-Transfer-Encoding: 7bit\r\n\r\n--XX');
    expect(out).toContain('Content-Transfer-Encoding: quoted-printable\r\n\r\ncaff=E8\r\n--XX');
    expect(out).toContain('--XX\r\nContent-Type: text/plain\r\n\r\nascii only\r\n--XX');
    expect(out).toContain('Content-Transfer-Encoding: base64\r\n\r\nAP+AQQ0K/g==\r\n--XX--');
    expect(leaves(r.bytes)).toEqual(leaves(raw));
  });

  it('re-encodes a quoted-printable or base64 body that still carries 8-bit bytes or over-long lines', () => {
    const qp = toSevenBit(enc('Content-Transfer-Encoding: quoted-printable\n\nciao =C3=A8 è\n'));
    expect(text(qp.bytes)).toContain('\r\n\r\nciao =C3=A8 =C3=A8\r\n');
    const long = 'x'.repeat(1200);
    const ll = toSevenBit(enc(`Subject: long\n\n${long}\n`));
    expect(ll.clean).toBe(true);
    expect(text(ll.bytes).split('\r\n').every((l) => l.length <= 76 || l.startsWith('Subject'))).toBe(true);
    expect(leaves(ll.bytes)[0]!.body).toBe(Buffer.from(long + '\r\n').toString('hex'));
  });

  it.each([
    ['Subject', 'Subject: Verbale è pronto', (v: string) => expect(decodeWords(v)).toBe('Verbale è pronto')],
    ['X-Custom', 'X-Custom: città', (v: string) => expect(decodeWords(v)).toBe('città')],
    ['From', 'From: Nicolò Rossi <mario.rossi@pec.demo.test>', (v: string) => expect(parseAddressList(v)).toEqual([{ name: 'Nicolò Rossi', address: 'mario.rossi@pec.demo.test' }])],
    ['Content-Type', 'Content-Type: text/plain; charset=utf-8; name="però.txt"', (v: string) => expect(parseContentType(v).params.name).toBe('però.txt')],
    ['Content-Disposition', 'Content-Disposition: attachment; filename="ricevuta è.pdf"', (v: string) => expect(parseDisposition(v).params.filename).toBe('ricevuta è.pdf')],
  ])('encodes an 8-bit %s header in 7 bits that decodes to the same value', (name, line, check) => {
    const r = toSevenBit(enc(`${line}\nTo: a@b.test\n\nbody\n`));
    expect(r.clean).toBe(true);
    const tree = parseRawTree(r.bytes);
    check(findHeader(tree.headers, name)!);
    expect(findHeader(tree.headers, 'To')).toBe('a@b.test');
  });

  it('leaves an address with a UTF-8 local part as it was and reports the message not clean', () => {
    const raw = enc('From: pòsta@pec.demo.test\n\nbody\n');
    const r = toSevenBit(raw);
    expect(r.clean).toBe(false);
    expect(text(r.bytes)).toBe(text(raw));
  });

  it('converts an embedded message/rfc822 and relabels the container 7bit', () => {
    const raw = enc('Content-Type: message/rfc822\nContent-Transfer-Encoding: 8bit\n\nSubject: dentro\n\nè dentro\n');
    const r = toSevenBit(raw);
    expect(r.clean).toBe(true);
    expect(text(r.bytes)).toBe(
      'Content-Type: message/rfc822\r\nContent-Transfer-Encoding: 7bit\r\n\r\nSubject: dentro\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=C3=A8 dentro\r\n',
    );
  });

  it('never touches the content of multipart/signed (the signature would break), only the outer header', () => {
    const signed =
      '--S\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nfirmato è\r\n' +
      '--S\r\nContent-Type: application/pkcs7-signature\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--S--\r\n';
    const raw = enc(`Subject: firmato è\nContent-Type: multipart/signed; protocol="application/pkcs7-signature"; boundary="S"\n\n`);
    const full = Buffer.concat([raw, Buffer.from(signed)]);
    const r = toSevenBit(full);
    expect(r.clean).toBe(false);
    expect(text(r.bytes).endsWith(signed)).toBe(true);
    expect(text(r.bytes)).toContain('Subject: =?utf-8?B?');
  });

  it('returns an unparsable message unchanged and not clean', () => {
    const deep = Array.from({ length: 40 }, (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`).join('') + 'è\n';
    const raw = enc(deep);
    const r = toSevenBit(raw);
    expect(r).toMatchObject({ converted: 0, clean: false });
    expect(r.bytes).toBe(raw);
  });
});
