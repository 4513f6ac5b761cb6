import { describe, expect, it } from 'bun:test';
import { ConfigError, DEFAULT_PORTS, loadConfig } from '../../../src/config/config.ts';

describe('configuration', () => {
  it('runs out of the box with the documented defaults', () => {
    const c = loadConfig({});
    expect(c.dataDir).toBe('./data');
    expect(c.bindAddress).toBe('127.0.0.1');
    expect(c.ports).toEqual(DEFAULT_PORTS);
    expect(c.ports).toMatchObject({ http: 8080, smtpMx: 2525, submissionTls: 2465, submissionStarttls: 2587 });
    expect(c.ports).toMatchObject({ imapTls: 2993, imapStarttls: 2143, pop3Tls: 2995, pop3Starttls: 2110 });
    expect(c.demo).toBe(true);
    expect(c.demoPassword).toBe('DemoPec-2026!');
  });

  it('takes overrides from PEC_* variables', () => {
    const c = loadConfig({ PEC_DATA_DIR: '/srv/pec', PEC_HTTP_PORT: '80', PEC_SMTP_PORT: '25', PEC_DEMO: '0', PEC_ROUTES: 'pec.b.test=127.0.0.1:3525' });
    expect(c.dataDir).toBe('/srv/pec');
    expect(c.ports.http).toBe(80);
    expect(c.ports.smtpMx).toBe(25);
    expect(c.demo).toBe(false);
    expect(c.routes).toEqual({ 'pec.b.test': '127.0.0.1:3525' });
  });

  it.each([
    ['PEC_HTTP_PORT', 'eighty'],
    ['PEC_IMAPS_PORT', '70000'],
    ['PEC_DEMO', 'maybe'],
    ['PEC_ROUTES', 'nonsense'],
    ['PEC_HOSTNAME', 'bad host!'],
    ['PEC_SMARTHOST', 'nohostport'],
  ])('refuses %s=%s with a ConfigError naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });
});
