import { describe, expect, it } from 'bun:test';
import { LoginPage } from '../../../templates/webmail/login.tsx';
import { PasswordChangePage, POLICY_ID } from '../../../templates/webmail/password-change.tsx';
import { ResetConfirmPage, ResetDonePage, ResetNewPasswordPage, ResetStartPage } from '../../../templates/webmail/password-reset.tsx';
import { assertEscaped, cspViolations, danglingIdRefs, HOSTILE, plain, query, render, unnamedControls } from '../html.ts';

const POLICY = 'La password deve essere composta da almeno 8 caratteri, così composta: Un carattere MAIUSCOLO, uno minuscolo, un numero e un carattere speciale tra @?#+-:~_!';

async function common(html: string) {
  expect(await cspViolations(html)).toEqual([]);
  expect(await unnamedControls(html)).toEqual([]);
  expect(await danglingIdRefs(html)).toEqual([]);
}

describe('login', () => {
  it('asks for Nome utente and Password, hints the collaborator form and links to the reset', async () => {
    const html = await render(<LoginPage lang="it" />);
    await common(html);
    const labels = (await query(html, 'label')).map((l) => l.text);
    expect(labels).toEqual(['Nome utente', 'Password']);
    expect(html).toContain('nomecollaboratore/casella@dominio');
    expect((await query(html, 'a[href="/reset"]'))[0]?.text).toBe('Password dimenticata?');
    expect((await query(html, 'input[name="password"]'))[0]?.attrs.autocomplete).toBe('current-password');
  });

  it('shows a failed login as an alert banner and echoes the user name escaped', async () => {
    const html = await render(<LoginPage lang="it" username={HOSTILE} errors={[{ message: 'Credenziali non valide' }]} />);
    expect(plain((await query(html, '[role="alert"]'))[0]?.text ?? '')).toBe('Credenziali non valide');
    assertEscaped(html);
    expect((await query(html, 'input[name="password"]'))[0]?.attrs.value).toBeUndefined();
  });

  it('speaks English when asked', async () => {
    const html = await render(<LoginPage lang="en" />);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('User name');
  });
});

describe('password change', () => {
  it.each([
    ['first-access', 'Al primo accesso il titolare della casella deve obbligatoriamente modificare la password.'],
    ['expired', 'La password è scaduta'],
  ] as const)('explains a forced change (%s) and shows the policy legend of seed 000 §2.2', async (reason, text) => {
    const html = await render(<PasswordChangePage lang="it" csrfToken="t" reason={reason} mailbox="a@pec.it" />);
    await common(html);
    expect(html).toContain(text);
    expect(plain((await query(html, `#${POLICY_ID}`))[0]?.text ?? '')).toBe(POLICY);
    for (const id of ['pw-new', 'pw-repeat']) expect((await query(html, `#${id}`))[0]?.attrs['aria-describedby']).toContain(POLICY_ID);
    expect((await query(html, 'label')).map((l) => l.text)).toEqual(['Password attuale', 'Inserisci la nuova Password', 'Ripeti la nuova Password']);
  });
});

describe('password reset', () => {
  it('offers casella and collaboratore with Tipo Reset defaulting to both', async () => {
    const html = await render(<ResetStartPage lang="it" csrfToken="t" />);
    await common(html);
    for (const label of ['PROCEDURA DI RESET PASSWORD', 'Reset Password Casella Pec', 'Reset Password Collaboratore Multiutenza', 'Email Pec', 'Username', 'Tipo Reset', 'AVANTI &gt;&gt;'])
      expect(html).toContain(label);
    expect((await query(html, 'input[name="scope"][checked]'))[0]?.attrs.value).toBe('both');
    expect((await query(html, 'input[name="kind"][checked]'))[0]?.attrs.value).toBe('mailbox');
  });

  it('shows the masked communication address before sending the link', async () => {
    const html = await render(<ResetConfirmPage lang="it" csrfToken="t" maskedAddress="ma*****si@gm***.it" requestId="r1" />);
    await common(html);
    expect((await query(html, '.masked-address strong'))[0]?.text).toBe('ma*****si@gm***.it');
    expect((await query(html, 'input[name="request"]'))[0]?.attrs.value).toBe('r1');
  });

  it('sets the new password from the link with the policy, and confirms', async () => {
    const html = await render(<ResetNewPasswordPage lang="it" csrfToken="t" mailbox="a@pec.it" token={`tok"<x>`} />);
    await common(html);
    expect(html).toContain('RECUPERO PASSWORD');
    expect(html).toContain('Casella Pec');
    expect((await query(html, 'input[name="token"]'))[0]?.attrs.value).toBe('tok"<x>');
    expect(plain((await query(html, `#${POLICY_ID}`))[0]?.text ?? '')).toBe(POLICY);
    const done = await render(<ResetDonePage lang="it" />);
    expect(done).toContain('Richiesta Reset password completata con successo.');
    expect((await query(done, 'a[href="/login"]'))[0]?.text).toBe('Vai alla webmail');
  });
});
