import { describe, expect, it } from 'bun:test';
import {
  checkNewPassword,
  COLLABORATOR_PASSWORD_MAX_LENGTH,
  HOLDER_PASSWORD_MAX_LENGTH,
  HOLDER_SPECIAL_CHARS,
  COLLABORATOR_SPECIAL_CHARS,
  passwordLegend,
  type PasswordHolderKind,
  type PasswordRule,
} from '../../../src/auth/password-policy.ts';

const rules = (kind: PasswordHolderKind, password: string, extra: { confirmation?: string; oldPassword?: string } = {}) =>
  checkNewPassword({ kind, password, ...extra }).map((v) => v.rule);

describe('titolare password (seed 000 §2.2)', () => {
  const table: [string, PasswordRule[]][] = [
    ['Segreta#1', []],
    ['Abcdef1@', []],
    ['Abcdefg1', ['special']],
    ['abcdefg1!', ['uppercase']],
    ['ABCDEFG1!', ['lowercase']],
    ['Abcdefgh!', ['digit']],
    ['Ab1!', ['min-length']],
    ['', ['min-length', 'uppercase', 'lowercase', 'digit', 'special']],
    ['Abcdef1;', ['special', 'charset']],
    ['Abc def1!', ['charset']],
    ['Àbcdefg1!', ['uppercase', 'charset']],
    ['Abcdefg1!\u0000', ['charset']],
    ['../Abc1!x', ['charset']],
    ['Ab1' + '~'.repeat(5), []],
  ];
  for (const [pw, expected] of table) {
    it(`${JSON.stringify(pw)} breaks ${expected.length ? expected.join(', ') : 'nothing'}`, () => {
      expect(rules('titolare', pw)).toEqual(expected);
    });
  }

  it('accepts every special character of the seed legend', () => {
    for (const c of HOLDER_SPECIAL_CHARS) expect(rules('titolare', `Abcdef1${c}`)).toEqual([]);
  });

  it(`refuses more than HOLDER_PASSWORD_MAX_LENGTH (${HOLDER_PASSWORD_MAX_LENGTH}) characters, also a huge one`, () => {
    expect(rules('titolare', 'Ab1!' + 'x'.repeat(HOLDER_PASSWORD_MAX_LENGTH - 4))).toEqual([]);
    expect(rules('titolare', 'Ab1!' + 'x'.repeat(HOLDER_PASSWORD_MAX_LENGTH - 3))).toEqual(['max-length']);
    const started = performance.now();
    expect(rules('titolare', 'Ab1!' + 'x'.repeat(10_000_000))).toEqual(['max-length']);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('counts characters, not UTF-16 units, for non-ASCII input', () => {
    expect(rules('titolare', '😀😀😀😀😀😀😀')).toContain('min-length');
  });
});

describe('collaboratore password (seed 000 §2.7.8.2)', () => {
  const table: [string, PasswordRule[]][] = [
    ['ABCDEFG1;', []],
    ['Abcdefg1_', []],
    ['Abcdef1:', ['special', 'charset']],
    ['Abcdef1~', ['special', 'charset']],
    ['abcdefg1!', ['uppercase']],
    ['Abcdefgh!', ['digit']],
    ['Ab1!', ['min-length']],
    ['Ab1!' + 'x'.repeat(COLLABORATOR_PASSWORD_MAX_LENGTH - 4), []],
    ['Ab1!' + 'x'.repeat(COLLABORATOR_PASSWORD_MAX_LENGTH - 3), ['max-length']],
  ];
  for (const [pw, expected] of table) {
    it(`${JSON.stringify(pw)} breaks ${expected.length ? expected.join(', ') : 'nothing'}`, () => {
      expect(rules('collaboratore', pw)).toEqual(expected);
    });
  }

  it('accepts every special character of the seed legend', () => {
    for (const c of COLLABORATOR_SPECIAL_CHARS) expect(rules('collaboratore', `ABCDEF1${c}`)).toEqual([]);
  });
});

describe('change rules', () => {
  it('refuses a confirmation that differs ("Ripeti la nuova password")', () => {
    expect(rules('titolare', 'Segreta#1', { confirmation: 'Segreta#2' })).toEqual(['confirmation-mismatch']);
    expect(rules('titolare', 'Segreta#1', { confirmation: 'Segreta#1' })).toEqual([]);
  });

  it('refuses the current password as the new one (seed 003 90-day change)', () => {
    expect(rules('titolare', 'Segreta#1', { oldPassword: 'Segreta#1' })).toEqual(['same-as-old']);
    expect(rules('collaboratore', 'SEGRETA#1', { oldPassword: 'Segreta#1' })).toEqual([]);
  });

  it('gives each violation an i18n key and Italian and English text', () => {
    const all = checkNewPassword({ kind: 'titolare', password: '', confirmation: 'x', oldPassword: '' });
    expect(all.length).toBe(7);
    for (const v of all) {
      expect(v.key).toBe(`password.rule.${v.rule}`);
      expect(v.it.length).toBeGreaterThan(10);
      expect(v.en.length).toBeGreaterThan(10);
      expect(v.it).not.toBe(v.en);
    }
  });

  it('shows the legends with the seed wording', () => {
    expect(passwordLegend('titolare').it).toContain('almeno 8 caratteri');
    expect(passwordLegend('titolare').it).toContain('@?#+-:~_!');
    expect(passwordLegend('collaboratore').it).toContain('fra 8 e 20 caratteri');
    expect(passwordLegend('collaboratore').it).toContain('_-?#+;!@');
  });
});
