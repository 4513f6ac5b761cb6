import { describe, expect, it } from 'bun:test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type PecKind, readPecMessage } from '../../../src/pec/classify.ts';
import { testSigner } from '../../fixtures/pec/test-signer.ts';

const SAMPLES = join(import.meta.dir, '../../../../shared/pec/samples');

/**
 * Expected kind from the file-name prefix. errore-consegna__virus is the "avviso di mancata consegna per
 * virus" (SPEC §3.0 row 9, §3.8 (2)): X-Ricevuta errore-consegna plus X-VerificaSicurezza, so its kind is
 * errore-consegna, flagged by verificaSicurezza.
 */
function expectedKind(file: string): PecKind {
  const prefix = file.split('__')[0]!;
  if (prefix === 'posta-certificata-busta-trasporto') return 'posta-certificata';
  if (prefix === 'busta-anomalia') return 'anomalia';
  if (prefix.startsWith('avvenuta-consegna')) return 'avvenuta-consegna';
  return prefix as PecKind;
}

const files = ['real', 'synthetic'].flatMap((d) =>
  readdirSync(join(SAMPLES, d))
    .filter((f) => f.endsWith('.eml'))
    .map((f) => ({ dir: d, file: f })),
);

describe('readPecMessage over every sample', () => {
  it('covers the whole samples folder', () => {
    expect(files.length).toBeGreaterThanOrEqual(26);
  });
  for (const { dir, file } of files) {
    it(`reads ${dir}/${file} as ${expectedKind(file)}`, async () => {
      const signer = await testSigner();
      const raw = new Uint8Array(readFileSync(join(SAMPLES, dir, file)));
      const m = await readPecMessage(raw, { verify: signer.verify });
      const kind = expectedKind(file);
      expect(m.kind).toBe(kind);
      if (kind === 'anomalia') expect(m.daticert).toBeUndefined();
      else if (!file.includes('sogei-sdi-2019')) {
        expect(m.daticert?.tipo as string).toBe(kind);
        expect(m.references.identificativo).toBe(m.daticert!.identificativo);
      }
      if (kind === 'posta-certificata' || kind === 'anomalia') {
        expect(m.original).toBeDefined();
        expect(new TextDecoder().decode(m.original!.subarray(0, 4000))).toMatch(/^[\x21-\x39\x3b-\x7e]+:/m);
      }
      if (dir === 'synthetic') {
        // Synthetic files are signed with the TEST-ONLY certificate: the signature checks out.
        expect(m.signature.status).toBe('valid');
        expect(m.signature.trusted).toBe(false); // no trust function given
      }
    });
  }

  it('finds the inner signed envelope of the mailing-list re-wrapped Namirial message', async () => {
    const signer = await testSigner();
    const f = 'posta-certificata-busta-trasporto__namirial-real-spam-via-mailinglist__sha1.eml';
    const m = await readPecMessage(new Uint8Array(readFileSync(join(SAMPLES, 'real', f))), { verify: signer.verify });
    expect(m.kind).toBe('posta-certificata');
    expect(m.signature.status).toBe('valid');
    expect(m.daticert?.intestazione.destinatari.every((d) => d.tipo === 'esterno')).toBe(true);
    expect(m.references.msgid).toBe('<2839ed57-e664-4020-bb69-6a8cb92d05a6@email.android.com>');
  });

  it('reads the truncated Sogei 2019 envelope as posta-certificata and reports the missing daticert', async () => {
    const signer = await testSigner();
    const f = 'posta-certificata-busta-trasporto__sogei-sdi-2019-real-tiporicevuta-breve__oca-l10n-italy-fatturapa.eml';
    const m = await readPecMessage(new Uint8Array(readFileSync(join(SAMPLES, 'real', f))), { verify: signer.verify });
    expect(m.kind).toBe('posta-certificata');
    expect(m.problems).toContain('daticert-missing');
    expect(m.ricevutaTipo).toBe('breve');
  });

  it('reads X-Tiporicevuta in any case and the errore-esteso of a real Aruba notice', async () => {
    const signer = await testSigner();
    const read = (f: string) => readPecMessage(new Uint8Array(readFileSync(join(SAMPLES, 'real', f))), { verify: signer.verify });
    const busta = await read('posta-certificata-busta-trasporto__aruba-2014-real__oca-l10n-italy-message1.eml');
    expect(busta.ricevutaTipo).toBe('completa');
    const err = await read('errore-consegna__altro-5.1.1__aruba-2026-real-anonymized-bilingual-sha256__PMM-PecMassiveMailer.eml');
    expect(err.erroreEsteso).toBe('5.1.1 - ARUBA PEC S.p.A. - indirizzo non valido');
    expect(err.daticert?.errore).toBe('altro');
  });

  it('flags the virus notices with X-VerificaSicurezza', async () => {
    const signer = await testSigner();
    const m = await readPecMessage(new Uint8Array(readFileSync(join(SAMPLES, 'synthetic', 'errore-consegna__virus__SYNTHETIC.eml'))), {
      verify: signer.verify,
    });
    expect(m.verificaSicurezza).toBe(true);
    expect(m.daticert?.errore).toBe('virus');
  });
});
