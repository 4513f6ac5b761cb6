// RFC 5322 §3.4 address lists as IMAP envelope addresses (RFC 9051 §7.5.2): raw names, routes and group markers.

/** addr-name, addr-adl, addr-mailbox, addr-host; a group start has host null and mailbox = group name. */
export interface EnvelopeAddress {
  name: string | null;
  adl: string | null;
  mailbox: string | null;
  host: string | null;
}

type Token = { t: 'word'; v: string; quoted: boolean } | { t: 'special'; v: string };

const SPECIALS = new Set([',', ':', ';', '<', '>', '@', '.']);

/** Splits a header value into words, quoted strings and specials; comments are dropped (RFC 5322 §3.2.2). */
function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '(') {
      let depth = 0;
      for (; i < s.length; i++) {
        if (s[i] === '\\') i++;
        else if (s[i] === '(') depth++;
        else if (s[i] === ')' && --depth === 0) break;
      }
      i++;
    } else if (c === '"') {
      let v = '';
      for (i++; i < s.length && s[i] !== '"'; i++) v += s[i] === '\\' ? (s[++i] ?? '') : s[i];
      out.push({ t: 'word', v, quoted: true });
      i++;
    } else if (SPECIALS.has(c)) {
      out.push({ t: 'special', v: c });
      i++;
    } else {
      let v = '';
      while (i < s.length && !/[\s()"]/.test(s[i] as string) && !SPECIALS.has(s[i] as string)) v += s[i++];
      out.push({ t: 'word', v, quoted: false });
    }
  }
  return out;
}

/** Words of a display name joined by single spaces; "." inside a phrase is kept (obs-phrase). */
function phrase(tokens: Token[]): string | null {
  const parts = tokens.map((t) => t.v);
  const joined = parts.join(' ').replace(/ \. /g, '. ').trim();
  return joined === '' ? null : joined;
}

/** addr-spec = local-part "@" domain; written words are concatenated ("john . doe" -> "john.doe"). */
function addrSpec(tokens: Token[]): { mailbox: string | null; host: string | null } {
  const at = tokens.map((t) => t.v).lastIndexOf('@');
  const word = (t: Token) => (t.t === 'word' && t.quoted && /[\s"\\()<>@,;:.[\]]/.test(t.v) ? `"${t.v}"` : t.v);
  const local = (at < 0 ? tokens : tokens.slice(0, at)).map(word).join('');
  const host = at < 0 ? '' : tokens.slice(at + 1).map(word).join('');
  // Dovecot's convention for broken addresses: keep the entry, mark what is missing.
  return { mailbox: local || 'MISSING_MAILBOX', host: host || 'MISSING_DOMAIN' };
}

function mailboxOf(tokens: Token[]): EnvelopeAddress | null {
  if (tokens.length === 0) return null;
  const lt = tokens.findIndex((t) => t.v === '<' && t.t === 'special');
  if (lt < 0) return { name: null, adl: null, ...addrSpec(tokens) };
  const gt = tokens.findIndex((t, i) => i > lt && t.v === '>');
  let inner = tokens.slice(lt + 1, gt < 0 ? tokens.length : gt);
  let adl: string | null = null;
  // obs-route: "<@a,@b:user@host>"
  const colon = inner.findIndex((t) => t.v === ':');
  if (colon >= 0 && inner[0]?.v === '@') {
    adl = inner
      .slice(0, colon)
      .map((t) => t.v)
      .join('');
    inner = inner.slice(colon + 1);
  }
  if (inner.length === 0) return null; // "<>" null return path carries no address
  return { name: phrase(tokens.slice(0, lt)), adl, ...addrSpec(inner) };
}

/** Parses an address-list header value into envelope addresses, or null when there is none. */
export function parseEnvelopeAddresses(value: string | undefined): EnvelopeAddress[] | null {
  if (value === undefined) return null;
  const tokens = tokenize(value);
  const out: EnvelopeAddress[] = [];
  let item: Token[] = [];
  let angle = false;
  const flush = () => {
    const a = mailboxOf(item);
    if (a) out.push(a);
    item = [];
  };
  for (const tok of tokens) {
    if (tok.t === 'special' && tok.v === '<') angle = true;
    if (tok.t === 'special' && tok.v === '>') angle = false;
    if (tok.t === 'special' && !angle && tok.v === ',') flush();
    else if (tok.t === 'special' && !angle && tok.v === ':') {
      // group = display-name ":" [group-list] ";" (RFC 5322 §3.4): start marker carries the group name.
      out.push({ name: null, adl: null, mailbox: phrase(item) ?? '', host: null });
      item = [];
    } else if (tok.t === 'special' && !angle && tok.v === ';') {
      flush();
      out.push({ name: null, adl: null, mailbox: null, host: null });
    } else item.push(tok);
  }
  flush();
  return out.length === 0 ? null : out;
}
