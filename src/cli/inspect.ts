// `pec inspect FILE.eml [--json]`: what a message is (kind), its certification data, references and signature,
// checked against the providers' index of the data folder (our record and the imported ones).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPecMessage, type PecMessage } from '../pec/classify.ts';
import type { ProvidersIndex } from '../pec/providers-index.ts';
import { verifyDetached, type VerifyResult } from '../signing/cms-verify.ts';
import { decideTrust } from '../signing/trust.ts';
import { UsageError } from './args.ts';

export async function inspectFile(path: string, index: ProvidersIndex, now: Date): Promise<PecMessage> {
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
  const raw = new Uint8Array(readFileSync(path));
  return readPecMessage(raw, {
    verify: verifyDetached,
    trust: (result, from) => ({ trusted: decideTrust({ verify: result as VerifyResult, index, from: from ?? '', at: now }).trusted }),
  });
}

/** The JSON form: `{kind, signature: {status, trusted, signer, digest}, daticert, references, …}`. */
export function inspectionJson(m: PecMessage): string {
  const { original, ...rest } = m;
  return JSON.stringify({ ...rest, originalBytes: original?.length ?? null }, null, 2);
}

export function inspectionText(m: PecMessage, file: string): string[] {
  const d = m.daticert;
  const sig = m.signature;
  const lines = [
    `file        ${join(file)}`,
    `kind        ${m.kind}`,
    `signature   ${sig.status}${sig.status === 'valid' ? (sig.trusted ? ', trusted (in the providers index)' : ', NOT in the providers index') : ''}${sig.reason ? ` (${sig.reason})` : ''}`,
  ];
  if (sig.signer) lines.push(`signer      ${sig.signer}`);
  if (sig.digest) lines.push(`digest      ${sig.digest}`);
  if (m.references.identificativo) lines.push(`identificativo ${m.references.identificativo}`);
  if (m.references.riferimentoMessageId) lines.push(`riferimento ${m.references.riferimentoMessageId}`);
  if (d) {
    lines.push(`daticert    tipo=${d.tipo} errore=${d.errore} data=${d.data.giorno} ${d.data.ora} ${d.data.zona}`);
    lines.push(`  mittente  ${d.intestazione.mittente}`);
    for (const r of d.intestazione.destinatari) lines.push(`  destinatario ${r.address} (${r.tipo})`);
    if (d.intestazione.oggetto !== undefined) lines.push(`  oggetto   ${d.intestazione.oggetto}`);
    lines.push(`  gestore   ${d.gestoreEmittente}`);
    if (d.ricevuta) lines.push(`  ricevuta  ${d.ricevuta}`);
    if (d.consegna) lines.push(`  consegna  ${d.consegna}`);
    if (d.erroreEsteso) lines.push(`  errore-esteso ${d.erroreEsteso}`);
  }
  if (m.original) lines.push(`postacert.eml ${m.original.length} bytes`);
  for (const p of m.problems) lines.push(`problem     ${p}`);
  return lines;
}
