// The demo seeded on first start (unless PEC_DEMO=0): two PEC domains, three activated mailboxes and an
// administrator of both, all with PEC_DEMO_PASSWORD. Tests and the README rely on exactly these names.
import type { Provisioning } from './auth/provisioning.ts';

export const DEMO_DOMAINS = ['pec.demo.test', 'pec.esempio.test'] as const;
export const DEMO_MAILBOXES = [
  { address: 'mario.rossi@pec.demo.test', communicationEmail: 'mario.rossi@example.com' },
  { address: 'anna.bianchi@pec.demo.test', communicationEmail: 'anna.bianchi@example.com' },
  { address: 'protocollo@pec.esempio.test', communicationEmail: 'ufficio.protocollo@example.com' },
] as const;
export const DEMO_ADMIN = 'admin';

export async function seedDemo(p: Provisioning, password: string): Promise<void> {
  for (const d of DEMO_DOMAINS) p.addDomain(d);
  for (const m of DEMO_MAILBOXES) {
    await p.addMailbox({ address: m.address, type: 'A', communicationEmail: m.communicationEmail, password, mustChangePassword: false });
  }
  await p.addAdmin(DEMO_ADMIN, password, [...DEMO_DOMAINS], true);
}
