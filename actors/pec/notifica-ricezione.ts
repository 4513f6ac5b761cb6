// The notifica di ricezione messaggi PEC (seed 000 §2.7.4): an ordinary, unsigned e-mail from the service address to
// the holder's ordinary address for every PEC message delivered to the mailbox. Pure.
import { entity, textPart } from '../../src/mime/build.ts';
import { encodeWords } from '../../src/mime/encoded-words.ts';
import { allocateIdentificativo, angle, type RandomSource } from '../../src/pec/identificativo.ts';
import { ilGiorno } from '../../src/pec/human-text.ts';
import { rfc5322Date } from '../../src/pec/pec-time.ts';

export interface NotificaInput {
  now: number;
  random: RandomSource;
  dominio: string;
  /** posta-certificata@<domain>: the seed shows it as the notice's sender. */
  from: string;
  /** The holder's ordinary address. */
  to: string;
  casella: string;
  mittente: string;
  oggetto: string | undefined;
  identificativo: string;
}

export function buildNotificaRicezione(i: NotificaInput): { raw: Uint8Array; messageId: string } {
  const messageId = allocateIdentificativo({ now: i.now, random: i.random, dominio: i.dominio, prefisso: 'notifica' });
  const text = [
    `${ilGiorno(i.now)} nella casella PEC ${i.casella} è stato consegnato il messaggio`,
    `"${i.oggetto ?? ''}" proveniente da "${i.mittente}".`,
    `Identificativo messaggio: ${i.identificativo}`,
    '',
    'Questo è un messaggio di notifica: il messaggio certificato si legge solo nella casella PEC.',
  ].join('\n');
  const body = textPart(text);
  const split = new TextDecoder().decode(body).indexOf('\r\n\r\n');
  const partHeaders = new TextDecoder().decode(body.subarray(0, split)).split('\r\n').map((l) => {
    const c = l.indexOf(':');
    return [l.slice(0, c), l.slice(c + 1).trim()] as const;
  });
  const raw = entity(
    [
      ['Date', rfc5322Date(i.now)],
      ['From', i.from],
      ['To', i.to],
      ['Subject', encodeWords(`Notifica di ricezione PEC: ${i.oggetto ?? ''}`)],
      ['Message-ID', angle(messageId)],
      ['MIME-Version', '1.0'],
      ...partHeaders,
    ],
    body.subarray(split + 4),
  );
  return { raw, messageId };
}
