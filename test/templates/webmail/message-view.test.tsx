import { describe, expect, it } from 'bun:test';
import { demoPecMessage, demoReceipts } from '../../../templates/demo-props.ts';
import { MessagePage, MessageView } from '../../../templates/webmail/message-view.tsx';
import type { MessageContent, SignatureStatus, ViewedMessage } from '../../../templates/webmail/props.ts';
import { assertEscaped, cspViolations, danglingIdRefs, HOSTILE, plain, query, render } from '../html.ts';

const content = (over: Partial<MessageContent> = {}): MessageContent => ({
  subject: 'Oggetto',
  from: { name: 'Mario Rossi', address: 'mario.rossi@pec.it' },
  to: [{ address: 'a@pec.it' }],
  cc: [],
  date: Date.UTC(2026, 0, 5, 10, 0, 0),
  body: { kind: 'text', text: 'Testo' },
  attachments: [],
  ...over,
});
const view = (message: ViewedMessage, receipts?: typeof demoReceipts) =>
  render(<MessageView lang="it" csrfToken="t" message={message} flagged={false} receipts={receipts} />);

describe('message view', () => {
  it('shows a PEC envelope as its original message, with attachments, certification data and signature', async () => {
    const html = await view(demoPecMessage);
    expect((await query(html, '#msg-subject'))[0]?.text).toBe('Convocazione seduta pubblica gara n. 2026/014');
    const names = (await query(html, '.attachment-name')).map((e) => e.text);
    expect(names).toEqual(['Convocazione_seduta_2026-014.pdf', 'Allegato_A_elenco_partecipanti.xlsx']);
    expect((await query(html, 'a[download]'))[0]?.attrs.href).toBe('/mail/messages/1042/attachments/2');
    const cert = plain((await query(html, '.cert-box'))[0]?.text ?? '');
    for (const label of ['Dati di certificazione', 'Mittente', 'Destinatari', 'certificato', 'Data e ora', 'Identificativo', 'Oggetto'])
      expect(cert).toContain(label);
    expect(cert).toContain('opec21010.20260312092907.04412.612.1.60@pec.aruba.it');
    expect(cert).toContain('12/03/2026, 09:29:07');
    expect(plain((await query(html, '.sig'))[0]?.text ?? '')).toBe('✓Firma valida e attendibile');
    expect(plain((await query(html, 'details.envelope summary'))[0]?.text ?? '')).toContain('POSTA CERTIFICATA: Convocazione');
    expect(await danglingIdRefs(html)).toEqual([]);
  });

  it.each([
    ['valida', 'Firma valida e attendibile'],
    ['gestore-non-riconosciuto', 'Firma valida ma gestore non riconosciuto'],
    ['non-valida', 'Firma non valida'],
    ['assente', 'Firma assente'],
  ] as const)('words the signature status %s as "%s"', async (status: SignatureStatus, label) => {
    const html = await view({ ...(demoPecMessage as Extract<ViewedMessage, { kind: 'pec' }>), signature: status });
    expect((await query(html, `.sig-${status}`))[0]?.text).toContain(label);
  });

  it('shows a receipt with its own text and the original, when included, folded', async () => {
    const pec = demoPecMessage as Extract<ViewedMessage, { kind: 'pec' }>;
    const html = await view({ ...pec, pecKind: 'avvenuta-consegna', envelope: content({ subject: 'CONSEGNA: Prova' }) });
    expect((await query(html, '#msg-subject'))[0]?.text).toBe('CONSEGNA: Prova');
    expect(plain((await query(html, 'details.original summary'))[0]?.text ?? '')).toContain('Messaggio originale');
    expect((await query(html, '.badge-avvenuta-consegna'))[0]?.text).toBe('consegna');
  });

  it('renders HTML mail only in a sandboxed frame without allow-scripts, with the markup escaped into srcdoc', async () => {
    const hostileHtml = `<p>ok</p>"><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const html = await view({ kind: 'plain', id: 'm1', content: content({ body: { kind: 'html', sanitizedHtml: hostileHtml } }) });
    const frames = await query(html, 'iframe');
    expect(frames.length).toBe(1);
    expect(frames[0]?.attrs.sandbox).toBe('');
    expect(frames[0]?.attrs.sandbox).not.toContain('allow-scripts');
    expect(frames[0]?.attrs.srcdoc).toBe(hostileHtml);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(frames[0]?.attrs.title).toBe('Contenuto del messaggio');
  });

  it('escapes hostile subject, sender name, body and attachment names', async () => {
    const html = await view({
      kind: 'plain',
      id: 'm2',
      content: content({
        subject: HOSTILE,
        from: { name: HOSTILE, address: 'x@y.it' },
        body: { kind: 'text', text: HOSTILE },
        attachments: [{ part: '2', filename: HOSTILE, contentType: 'text/html', size: 10 }],
      }),
    });
    assertEscaped(html);
  });

  it('shows a receipts timeline per recipient for a sent message', async () => {
    const html = await view({ kind: 'plain', id: 's1', content: content() }, demoReceipts);
    const recipients = await query(html, 'li.recipient');
    expect(recipients.length).toBe(3);
    const first = plain(recipients[0]?.text ?? '');
    expect(first).toContain('Accettazione');
    expect(first).toContain('Presa in carico');
    expect(first).toContain('Consegna');
    const second = plain(recipients[1]?.text ?? '');
    expect(second).toContain('Mancata consegna');
    expect(second).toContain('5.2.2 - casella piena');
    // An ordinary (esterno) recipient only ever gets the accettazione (seed 000 §2.3).
    const third = plain(recipients[2]?.text ?? '');
    expect(third).toContain('esterno');
    expect(third).not.toContain('Presa in carico');
    expect((await query(html, '.step-failed')).length).toBe(1);
    expect((await query(html, 'a.step-link'))[0]?.attrs.href).toBe('/mail/messages/1040');
  });

  it('renders the standalone page ("Apri in una nuova finestra") CSP-clean', async () => {
    const html = await render(<MessagePage lang="en" csrfToken="t" message={demoPecMessage} flagged={false} shell={{ mailbox: 'a@pec.it' }} />);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Certification data');
    expect(await cspViolations(html)).toEqual([]);
  });
});
