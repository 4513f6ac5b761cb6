import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { ConflictError, InvalidValueError, LimitExceededError } from '../../../src/store/errors.ts';
import { MAX_SETTING_VALUE_LENGTH } from '../../../src/store/limits.ts';
import { fixture, T0, type Fixture } from './helpers.ts';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

describe('ProviderRepo', () => {
  it('derives the service address posta-certificata@<domain>', () => {
    expect(f.store.provider.serviceAddress('PEC.Demo.Test')).toBe('posta-certificata@pec.demo.test');
    expect(() => f.store.provider.serviceAddress('not a domain')).toThrow(InvalidValueError);
  });

  it('keeps settings across reopen and reads prefixes literally', () => {
    const p = f.store.provider;
    p.setProviderName('Gestore Demo S.p.A.');
    p.setSetting('ui.a_b', '1');
    p.setSetting('ui.axb', '2');
    p.setSetting("q'uote", "v'alue\u0000");
    f.reopen();
    expect(f.store.provider.providerName()).toBe('Gestore Demo S.p.A.');
    expect(f.store.provider.settingsWithPrefix('ui.a_')).toEqual({ 'ui.a_b': '1' });
    expect(f.store.provider.getSetting("q'uote")).toBe("v'alue\u0000");
    expect(f.store.provider.deleteSetting('ui.axb')).toBe(true);
  });

  it('rejects setting values over MAX_SETTING_VALUE_LENGTH and keys with control characters', () => {
    expect(() => f.store.provider.setSetting('k', 'x'.repeat(MAX_SETTING_VALUE_LENGTH + 1))).toThrow(LimitExceededError);
    expect(() => f.store.provider.setSetting('k\u0000', 'v')).toThrow(InvalidValueError);
  });
});

describe('DomainRepo', () => {
  it('stores domains lowercase and unique', () => {
    expect(f.store.domains.create('PEC.Altro.Test', T0)).toMatchObject({ name: 'pec.altro.test', createdAt: T0 });
    expect(() => f.store.domains.create('pec.altro.test', T0)).toThrow(ConflictError);
    expect(f.store.domains.list().map((d) => d.name)).toEqual(['pec.altro.test', 'pec.demo.test']);
  });

  it('rejects malformed and 10 KB domain names', () => {
    for (const bad of ['', 'localhost', 'a..b.test', "x'.test", '-a.test', 'a b.test']) {
      expect(() => f.store.domains.create(bad, T0)).toThrow(InvalidValueError);
    }
    expect(() => f.store.domains.create(`${'a'.repeat(10_240)}.test`, T0)).toThrow(LimitExceededError);
  });
});
