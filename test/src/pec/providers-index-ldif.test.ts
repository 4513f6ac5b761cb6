import { describe, expect, it } from 'bun:test';
import {
  LDIF_FOLD_WIDTH,
  LdifError,
  MAX_LDIF_BYTES,
  MAX_LDIF_ENTRIES,
  MAX_LDIF_VALUES_PER_ENTRY,
  parseLdif,
  serializeLdif,
  textValues,
  values,
} from '../../../src/pec/ldif.ts';

const CERT = new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff));
const CERT_B64 = Buffer.from(CERT).toString('base64');

/** The SPEC §5.5 example shape, with the certificate folded the way LDAP tools write it. */
const SAMPLE = [
  'version: 1',
  '',
  '# the root of the directory',
  'dn: o=postacert',
  'objectclass: top',
  'objectclass: organization',
  'o: postacert',
  '',
  'dn: providerName=Gestore Esempio S.p.A.,o=postacert',
  'objectclass: top',
  'objectclass: provider',
  'providerName: Gestore Esempio S.p.A.',
  'providerCertificateHash: 0BA518F2BB6EC3E13D50F57176B9EA4E55C6A402',
  `providerCertificate;binary:: ${CERT_B64.slice(0, 50)}`,
  ...(CERT_B64.slice(50).match(/.{1,75}/g) ?? []).map((l) => ` ${l}`),
  'mailReceipt: servizio-pec@pec.example.test',
  'managedDomains: pec.example.test',
  'managedDomains: pec.cliente.example.test',
  'LDIFLocationURL: https://pec.example.test/igpec/record.ldif.p7m',
  'description:: U2Vydml6aW8gUEVDIGRpIGVzZW1waW8gw6AgbGEgY2l0dMOg',
  '',
].join('\n');

const hostile = (code: LdifError['code'], fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(LdifError);
    expect((e as LdifError).code).toBe(code);
    return;
  }
  throw new Error('expected an LdifError');
};

describe('parseLdif (RFC 2849)', () => {
  it('reads entries, unfolds continuation lines and decodes base64 values', () => {
    const [root, provider] = parseLdif(SAMPLE);
    expect(root?.dn).toBe('o=postacert');
    expect(provider?.dn).toBe('providerName=Gestore Esempio S.p.A.,o=postacert');
    expect(Buffer.from(values(provider!, 'providerCertificate')[0]!).equals(Buffer.from(CERT))).toBe(true);
    expect(textValues(provider!, 'managedDomains')).toEqual(['pec.example.test', 'pec.cliente.example.test']);
    expect(textValues(provider!, 'description')).toEqual(['Servizio PEC di esempio à la città']);
  });

  it.each([
    ['attribute types case-insensitively', 'MAILRECEIPT', 'servizio-pec@pec.example.test'],
    ['options ignored in the type', 'providercertificate', CERT_B64],
  ])('matches %s', (_label, type, expected) => {
    const provider = parseLdif(SAMPLE)[1]!;
    const got = type === 'providercertificate' ? Buffer.from(values(provider, type)[0]!).toString('base64') : textValues(provider, type)[0];
    expect(got).toBe(expected);
  });

  it('accepts CRLF line ends', () => {
    expect(parseLdif(SAMPLE.replace(/\n/g, '\r\n'))).toHaveLength(2);
  });

  it('accepts changetype: add records as content', () => {
    const [e] = parseLdif('dn: cn=x\nchangetype: add\ncn: x\n');
    expect(e?.attributes.map((a) => a.name)).toEqual(['cn']);
  });

  it.each([
    ['ldif-syntax', 'a record that does not start with dn:', 'cn: x\n'],
    ['ldif-syntax', 'a continuation line with nothing before it', ' folded\ndn: cn=x\n'],
    ['ldif-syntax', 'a line without a colon', 'dn: cn=x\nnocolon\n'],
    ['ldif-syntax', 'invalid base64', 'dn: cn=x\ncn:: ***\n'],
    ['ldif-unsupported', 'URL values', 'dn: cn=x\njpegPhoto:< file:///etc/passwd\n'],
    ['ldif-unsupported', 'changetype modify', 'dn: cn=x\nchangetype: modify\nreplace: cn\n'],
  ] as const)('refuses with %s %s', (code, _label, text) => {
    hostile(code, () => parseLdif(text));
  });

  it(`refuses input above MAX_LDIF_BYTES (${MAX_LDIF_BYTES})`, () => {
    hostile('ldif-too-large', () => parseLdif(new Uint8Array(MAX_LDIF_BYTES + 1)));
  });

  it(`refuses more than MAX_LDIF_ENTRIES (${MAX_LDIF_ENTRIES}) entries`, () => {
    const text = Array.from({ length: MAX_LDIF_ENTRIES + 1 }, (_, i) => `dn: cn=${i}\ncn: ${i}\n`).join('\n');
    hostile('ldif-too-large', () => parseLdif(text));
  });

  it(`refuses an entry with more than MAX_LDIF_VALUES_PER_ENTRY (${MAX_LDIF_VALUES_PER_ENTRY}) values`, () => {
    const text = `dn: cn=x\n${'managedDomains: d.test\n'.repeat(MAX_LDIF_VALUES_PER_ENTRY + 1)}`;
    hostile('ldif-too-large', () => parseLdif(text));
  });
});

describe('serializeLdif', () => {
  it('round-trips what it parsed, byte for byte in the values', () => {
    const entries = parseLdif(SAMPLE);
    const again = parseLdif(serializeLdif(entries));
    expect(again).toEqual(entries);
  });

  it(`folds lines at ${LDIF_FOLD_WIDTH} columns and base64-encodes unsafe values`, () => {
    const text = serializeLdif(parseLdif(SAMPLE));
    expect(text.split('\n').every((l) => l.length <= LDIF_FOLD_WIDTH)).toBe(true);
    expect(text).toContain('description:: ');
    expect(text).toContain('providerCertificate;binary:: ');
    expect(text).toContain('mailReceipt: servizio-pec@pec.example.test');
  });

  it.each([' leading space', ':colon', '<angle', 'trailing space ', 'line\nbreak'])('base64-encodes %p', (v) => {
    const text = serializeLdif([{ dn: 'cn=x', attributes: [{ name: 'cn', value: new TextEncoder().encode(v) }] }]);
    expect(text).toContain('cn:: ');
    expect(textValues(parseLdif(text)[0]!, 'cn')).toEqual([v]);
  });
});
