// Low-level IMAP response writer: atoms, numbers, quoted strings vs literals, NIL, lists (RFC 9051 §4).
import { encodeMutf7 } from './mutf7.ts';

export interface WireOptions {
  /** IMAP4rev2 / UTF8=ACCEPT in effect: UTF-8 allowed in quoted strings and mailbox names (RFC 9051 §4.3). */
  utf8: boolean;
}

const enc = new TextEncoder();
const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });

/** A quoted string may hold any TEXT-CHAR (not CR, LF, NUL); 8-bit only as valid UTF-8 in UTF-8 mode. */
export function canQuote(bytes: Uint8Array, utf8: boolean): boolean {
  let high = false;
  for (const b of bytes) {
    if (b === 0 || b === 0x0d || b === 0x0a) return false;
    if (b >= 0x80) high = true;
  }
  if (!high) return true;
  if (!utf8) return false;
  try {
    UTF8_STRICT.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export class WireWriter {
  private readonly chunks: Uint8Array[] = [];
  private text = '';
  constructor(readonly options: WireOptions) {}

  private flush(): void {
    if (this.text) this.chunks.push(enc.encode(this.text));
    this.text = '';
  }

  /** Appends protocol text as is (caller guarantees it is valid at this position). */
  raw(s: string): this {
    this.text += s;
    return this;
  }
  sp(): this {
    this.text += ' ';
    return this;
  }
  number(n: number | bigint): this {
    this.text += String(n);
    return this;
  }
  nil(): this {
    this.text += 'NIL';
    return this;
  }

  /** `{n}CRLF` + bytes, or literal8 `~{n}` when the data may hold NUL (RFC 3516 §4.3). */
  literal(bytes: Uint8Array, binary = false): this {
    this.text += `${binary ? '~' : ''}{${bytes.length}}\r\n`;
    this.flush();
    this.chunks.push(bytes);
    return this;
  }

  /** Message data (BODY[], RFC822*): always a literal, NIL when absent. */
  nliteral(data: Uint8Array | null): this {
    return data === null ? this.nil() : this.literal(data);
  }

  /** string = quoted / literal: quoted when RFC 9051 §4.3 allows it, else a literal (8-bit, CR, LF). */
  string(value: string | Uint8Array): this {
    const bytes = typeof value === 'string' ? enc.encode(value) : value;
    if (!canQuote(bytes, this.options.utf8)) return this.literal(bytes, bytes.includes(0));
    const s = typeof value === 'string' ? value : new TextDecoder().decode(bytes);
    this.text += `"${s.replace(/["\\]/g, '\\$&')}"`;
    return this;
  }
  nstring(value: string | Uint8Array | null | undefined): this {
    return value === null || value === undefined ? this.nil() : this.string(value);
  }

  /** Mailbox name: modified UTF-7 unless UTF-8 names are in effect (RFC 9051 §5.1.3, RFC 6855 §3). */
  mailbox(name: string): this {
    return this.string(this.options.utf8 ? name : encodeMutf7(name));
  }

  /** "(" items ")" with single spaces; `empty` decides what an empty list prints ("()" or NIL). */
  list<T>(items: readonly T[], each: (w: this, item: T) => void, empty: '()' | 'NIL' = '()'): this {
    if (items.length === 0) return this.raw(empty);
    this.raw('(');
    items.forEach((item, i) => {
      if (i > 0) this.sp();
      each(this, item);
    });
    return this.raw(')');
  }

  /** The response bytes so far. */
  finish(): Uint8Array {
    this.flush();
    if (this.chunks.length === 1) return this.chunks[0] as Uint8Array;
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}
