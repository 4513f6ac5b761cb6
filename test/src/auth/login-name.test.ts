import { describe, expect, it } from 'bun:test';
import {
  formatLoginName,
  MAX_ADDRESS_BYTES,
  MAX_LOCAL_PART_BYTES,
  MAX_LOGIN_BYTES,
  MAX_USERNAME_BYTES,
  parseLoginName,
  type LoginName,
  type LoginNameError,
} from '../../../src/auth/login-name.ts';

describe('parseLoginName (seed 001 §2.1, seed 000 §2.7.8)', () => {
  const accepted: [string, LoginName][] = [
    ['mariorossi@postacert.toscana.it', { kind: 'titolare', address: 'mariorossi@postacert.toscana.it', localPart: 'mariorossi', domain: 'postacert.toscana.it' }],
    ['UfficioX@PostaCert.RegioneLombardia.IT', { kind: 'titolare', address: 'ufficiox@postacert.regionelombardia.it', localPart: 'ufficiox', domain: 'postacert.regionelombardia.it' }],
    ['mario/test@postacert.toscana.it', { kind: 'collaboratore', username: 'mario', address: 'test@postacert.toscana.it', localPart: 'test', domain: 'postacert.toscana.it' }],
    ['MarioRossi/UfficioX@pec.it', { kind: 'collaboratore', username: 'mariorossi', address: 'ufficiox@pec.it', localPart: 'ufficiox', domain: 'pec.it' }],
    ['u.ferrara/u.ferrara@test-gest.pec.it', { kind: 'collaboratore', username: 'u.ferrara', address: 'u.ferrara@test-gest.pec.it', localPart: 'u.ferrara', domain: 'test-gest.pec.it' }],
    ['protocollo_2@xn--comune-citt-q8a.pec.it', { kind: 'titolare', address: 'protocollo_2@xn--comune-citt-q8a.pec.it', localPart: 'protocollo_2', domain: 'xn--comune-citt-q8a.pec.it' }],
  ];
  for (const [raw, login] of accepted) {
    it(`parses ${raw}`, () => {
      expect(parseLoginName(raw)).toEqual({ ok: true, login });
    });
  }

  const refused: [string, LoginNameError][] = [
    ['', 'empty'],
    [' mario@pec.it', 'not-ascii'],
    ['mario@pec.it ', 'not-ascii'],
    ['mario@pec.it\u0000', 'not-ascii'],
    ['màrio@pec.it', 'not-ascii'],
    ['\u0130stanbul@pec.it', 'not-ascii'],
    ['mario', 'missing-at'],
    ['mario/', 'missing-at'],
    ['@pec.it', 'bad-local-part'],
    ['.mario@pec.it', 'bad-local-part'],
    ['mario.@pec.it', 'bad-local-part'],
    ['ma..rio@pec.it', 'bad-local-part'],
    ['ma"rio@pec.it', 'bad-local-part'],
    ['a@b@pec.it', 'bad-local-part'],
    ['mario@', 'bad-domain'],
    ['mario@localhost', 'bad-domain'],
    ['mario@-pec.it', 'bad-domain'],
    ['mario@pec..it', 'bad-domain'],
    ['mario@pec.it.', 'bad-domain'],
    ['mario@pec_x.it', 'bad-domain'],
    ['/test@pec.it', 'bad-username'],
    ['../test@pec.it', 'bad-username'],
    ['..%2f/test@pec.it', 'bad-username'],
    ['a/b/test@pec.it', 'bad-local-part'],
    ['.mario/test@pec.it', 'bad-username'],
    ['ma rio/test@pec.it', 'not-ascii'],
    ['x'.repeat(MAX_LOGIN_BYTES + 1), 'too-long'],
    ['a'.repeat(10_000_000), 'too-long'],
  ];
  for (const [raw, error] of refused) {
    it(`refuses ${JSON.stringify(raw.length > 40 ? raw.slice(0, 20) + '…' : raw)} as ${error}`, () => {
      expect(parseLoginName(raw)).toEqual({ ok: false, error });
    });
  }

  it(`enforces MAX_LOCAL_PART_BYTES (${MAX_LOCAL_PART_BYTES}), MAX_USERNAME_BYTES (${MAX_USERNAME_BYTES}) and MAX_ADDRESS_BYTES (${MAX_ADDRESS_BYTES})`, () => {
    expect(parseLoginName(`${'a'.repeat(MAX_LOCAL_PART_BYTES)}@pec.it`).ok).toBe(true);
    expect(parseLoginName(`${'a'.repeat(MAX_LOCAL_PART_BYTES + 1)}@pec.it`)).toEqual({ ok: false, error: 'bad-local-part' });
    expect(parseLoginName(`${'u'.repeat(MAX_USERNAME_BYTES)}/a@pec.it`).ok).toBe(true);
    expect(parseLoginName(`${'u'.repeat(MAX_USERNAME_BYTES + 1)}/a@pec.it`)).toEqual({ ok: false, error: 'bad-username' });
    const longDomain = `${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(58)}.it`;
    expect(longDomain.length).toBe(253);
    expect(parseLoginName(`a@${longDomain}`)).toEqual({ ok: false, error: 'too-long' });
    const label64 = `a@${'d'.repeat(64)}.it`;
    expect(parseLoginName(label64)).toEqual({ ok: false, error: 'bad-domain' });
  });

  it('accepts the longest valid collaborator login, MAX_LOGIN_BYTES long', () => {
    const domain = `${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(58)}.it`;
    const address = `${'a'.repeat(MAX_ADDRESS_BYTES - domain.length - 1)}@${domain}`;
    expect(address.length).toBe(MAX_ADDRESS_BYTES);
    const login = `${'u'.repeat(MAX_USERNAME_BYTES)}/${address}`;
    expect(login.length).toBe(MAX_LOGIN_BYTES);
    expect(parseLoginName(login).ok).toBe(true);
  });

  it('formats a parsed login back to its canonical lowercase form', () => {
    for (const raw of ['Mario/Test@Pec.IT', 'Test@Pec.IT']) {
      const r = parseLoginName(raw);
      expect(r.ok && formatLoginName(r.login)).toBe(raw.toLowerCase());
    }
  });
});
