import { describe, expect, it } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBustaTrasporto } from '../../../src/pec/busta-trasporto.ts';
import { readPecMessage } from '../../../src/pec/classify.ts';
import { verifyDetached } from '../../../src/signing/cms-verify.ts';
import { IDENTIFICATIVO, INTESTAZIONE, ORIGINAL_BYTES, context } from '../../fixtures/pec/pec-fixtures.ts';

const REAL = join(import.meta.dir, '../../../../shared/pec/samples/real');

describe('readPecMessage with the production CMS verifier (src/signing/cms-verify.ts)', () => {
  it('verifies an envelope we built and signed with openssl', async () => {
    const b = await buildBustaTrasporto({ ...(await context()), original: ORIGINAL_BYTES, identificativo: IDENTIFICATIVO, intestazione: INTESTAZIONE });
    const m = await readPecMessage(b.raw, { verify: verifyDetached, trust: (r, from) => ({ trusted: r.signer?.email === from }) });
    expect(m.signature).toMatchObject({ status: 'valid', trusted: true, digest: 'sha256' });
  });

  it.each([
    ['posta-certificata-busta-trasporto__namirial-real-spam-via-mailinglist__sha1.eml', 'sha1'],
    ['accettazione__aruba-2014-real__oca-l10n-italy.eml', 'sha1'],
  ])('verifies the real SHA-1 signature of %s', async (file, digest) => {
    const m = await readPecMessage(new Uint8Array(readFileSync(join(REAL, file))), { verify: verifyDetached });
    expect(m.signature).toMatchObject({ status: 'valid', digest });
  });
});
