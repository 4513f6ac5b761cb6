// Minimal XML for daticert.xml: escaping for output, and a small safe reader (no DTD, no entity expansion).
import { PecError } from './errors.ts';

/** daticert.xml larger than this is refused: real files are 1-3 KB, even with many recipients. */
export const MAX_DATICERT_BYTES = 1024 * 1024;
/** Element nesting limit of the reader (daticert is 4 levels deep). */
export const MAX_XML_DEPTH = 16;

/**
 * Escapes text for element content and attribute values (XML 1.0 §2.4): `&`, `<`, `>` (so `]]>` can
 * never appear), quotes; and drops characters XML 1.0 §2.2 forbids (NUL, C0 controls except TAB/LF/CR,
 * lone surrogates, U+FFFE/U+FFFF), which no parser would accept.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside this element (entities and CDATA resolved). */
  text: string;
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (all, ref: string) => {
    if (ref.startsWith('#x')) return safeCodePoint(parseInt(ref.slice(2), 16), all);
    if (ref.startsWith('#')) return safeCodePoint(parseInt(ref.slice(1), 10), all);
    return NAMED[ref] ?? all; // unknown entities are left literally: no DTD expansion (XXE-safe)
  });
}

function safeCodePoint(cp: number, fallback: string): string {
  return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;
}

function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[m[1]!] = unescapeXml(m[2] ?? m[3] ?? '');
  }
  return out;
}

const TOKEN = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[^>]*?)?)(\/?)>|([^<]+)/g;

/** Parses a document into its root element. Throws PecError('daticert-malformed') on broken nesting. */
export function parseXml(text: string): XmlElement {
  if (text.length > MAX_DATICERT_BYTES) {
    throw new PecError('daticert-too-large', `daticert.xml larger than ${MAX_DATICERT_BYTES} bytes`);
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  for (const m of text.matchAll(TOKEN)) {
    const [, cdata, close, name, attrs, selfClose, chars] = m;
    const top = stack.at(-1);
    if (chars !== undefined || cdata !== undefined) {
      if (top) top.text += cdata ?? unescapeXml(chars!);
      continue;
    }
    if (name === undefined) continue; // comment, PI, DOCTYPE
    if (close) {
      if (!top || top.name !== name) throw new PecError('daticert-malformed', `unexpected </${name}>`);
      stack.pop();
      continue;
    }
    const el: XmlElement = { name, attrs: parseAttrs(attrs ?? ''), children: [], text: '' };
    if (top) top.children.push(el);
    else if (root === null) root = el;
    else throw new PecError('daticert-malformed', 'more than one root element');
    if (!selfClose) stack.push(el);
    if (stack.length > MAX_XML_DEPTH) throw new PecError('daticert-malformed', `XML deeper than ${MAX_XML_DEPTH}`);
  }
  if (!root) throw new PecError('daticert-malformed', 'no root element');
  if (stack.length > 0) throw new PecError('daticert-malformed', `unclosed <${stack.at(-1)!.name}>`);
  return root;
}

/** First child element by name. */
export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

/** All child elements by name. */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  return el?.children.filter((c) => c.name === name) ?? [];
}
