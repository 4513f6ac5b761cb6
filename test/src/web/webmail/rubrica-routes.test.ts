import { afterAll, beforeAll, describe, expect, it } from 'bun:test';
import { Client, startTestProvider } from './helpers.ts';

let t: Awaited<ReturnType<typeof startTestProvider>>;
let c: Client;
beforeAll(async () => {
  t = await startTestProvider();
  c = new Client(t.provider);
  await c.login();
});
afterAll(async () => {
  await t.close();
});

describe('rubrica (seed 000 §2.6)', () => {
  it('creates a contact, shows it escaped, edits it and deletes it', async () => {
    const res = await c.post('/mail/rubrica/contacts', { firstName: '<script>alert(1)</script>', lastName: 'Verdi', email: 'g.verdi@example.com', notes: '<b>nota</b>' });
    expect(res.status).toBe(303);
    const detailUrl = res.headers.get('Location')!;
    expect(detailUrl).toMatch(/^\/mail\/rubrica\/contacts\/\d+$/);
    const page = await (await c.get(detailUrl)).text();
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Verdi');
    const frag = await c.get(detailUrl, true);
    expect(frag.headers.get('Vary')).toContain('HX-Request');
    expect(await frag.text()).toStartWith('<article');
    const id = detailUrl.split('/').pop()!;
    const edit = await (await c.get(`/mail/rubrica/contacts/${id}/edit`, true)).text();
    expect(edit).toContain('value="g.verdi@example.com"');
    await c.post('/mail/rubrica/contacts', { id, firstName: 'Giuseppe', lastName: 'Verdi', email: 'g.verdi@example.com' });
    expect(await (await c.get('/mail/rubrica')).text()).toContain('Giuseppe Verdi');
    await c.post(`/mail/rubrica/contacts/${id}/delete`, {});
    expect((await c.get(detailUrl)).status).toBe(404);
  });

  it('refuses an invalid e-mail with the form again (422)', async () => {
    const res = await c.post('/mail/rubrica/contacts', { firstName: 'X', lastName: '', email: 'non valido' });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Indirizzo e-mail non valido');
  });

  it('creates a group, ticks a contact into it (§2.6.1) and lists the group\'s members', async () => {
    const loc = (await c.post('/mail/rubrica/contacts', { firstName: 'Anna', lastName: 'Bianchi', email: 'anna.bianchi@pec.demo.test' })).headers.get('Location')!;
    const id = loc.split('/').pop()!;
    const g = await c.post('/mail/rubrica/groups', { name: 'Uffici <tecnici>' });
    const gid = /group=(\d+)/.exec(g.headers.get('Location')!)![1]!;
    const ticked = await c.post(`/mail/rubrica/contacts/${id}/groups`, { groups: gid }, { hx: true });
    expect(await ticked.text()).toContain(`value="${gid}" checked=""`);
    const list = await (await c.get(`/mail/rubrica?group=${gid}`)).text();
    expect(list).toContain('Anna Bianchi');
    expect(list).toContain('Uffici &lt;tecnici&gt;');
    const dup = await c.post('/mail/rubrica/groups', { name: 'uffici <TECNICI>' });
    expect(dup.status).toBe(422);
    await c.post(`/mail/rubrica/groups/${gid}/delete`, {});
    expect((await c.get(`/mail/rubrica/groups/${gid}`)).status).toBe(404);
  });

  it('keeps each mailbox\'s rubrica to itself', async () => {
    const loc = (await c.post('/mail/rubrica/contacts', { firstName: 'Privato', lastName: '', email: 'p@example.com' })).headers.get('Location')!;
    const other = new Client(t.provider);
    await other.login('anna.bianchi@pec.demo.test');
    expect((await other.get(loc)).status).toBe(404);
    expect(await (await other.get('/mail/rubrica')).text()).not.toContain('Privato');
  });
});
