// Test helpers: render a hono/jsx node to a string and query it with Bun's HTMLRewriter (real HTML parsing).
export interface El {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  text: string;
}

/** hono/jsx nodes render through toString(), which may be async. */
export async function render(node: unknown): Promise<string> {
  return String(await (node as { toString(): string | Promise<string> }).toString());
}

/** Every element matching `selector`, with its attributes and its text content (entities left encoded). */
export async function query(html: string, selector: string): Promise<El[]> {
  const found: El[] = [];
  const stack: El[] = [];
  const rw = new HTMLRewriter().on(selector, {
    element(e) {
      const attrs = Object.fromEntries([...e.attributes].map(([k, v]) => [k, decode(v)]));
      const el: El = { tag: e.tagName, attrs, text: '' };
      found.push(el);
      if (!e.selfClosing && e.canHaveContent) {
        stack.push(el);
        e.onEndTag(() => {
          stack.pop();
        });
      }
    },
    text(t) {
      for (const el of stack) el.text += t.text;
    },
  });
  await rw.transform(new Response(html)).text();
  return found;
}

/** Decodes the entities hono/jsx emits (attributes come back from HTMLRewriter still encoded). */
export function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Text with whitespace collapsed and the common entities decoded, for label comparisons. */
export function plain(s: string): string {
  return decode(s).replace(/\s+/g, ' ').trim();
}

/** Form controls that have no accessible name (no label[for], aria-label, aria-labelledby or wrapping label). */
export async function unnamedControls(html: string): Promise<string[]> {
  const controls = await query(html, 'input, select, textarea');
  const labels = new Set((await query(html, 'label[for]')).map((l) => l.attrs.for));
  return controls
    .filter((c) => c.attrs.type !== 'hidden' && !('hidden' in c.attrs))
    .filter((c) => !(c.attrs.id && labels.has(c.attrs.id)) && !c.attrs['aria-label'] && !c.attrs['aria-labelledby'])
    .map((c) => `${c.tag}[name=${c.attrs.name ?? '?'}]`);
}

/** CSP: no inline script bodies, no style attributes or <style>, no on* handlers, no javascript: URLs. */
export async function cspViolations(html: string): Promise<string[]> {
  const out: string[] = [];
  for (const s of await query(html, 'script')) {
    if (!s.attrs.src || s.text.trim() !== '') out.push('inline <script>');
  }
  if ((await query(html, 'style')).length) out.push('<style> element');
  if ((await query(html, '[style]')).length) out.push('style attribute');
  const all = await query(html, '*');
  for (const el of all) {
    for (const name of Object.keys(el.attrs)) {
      if (/^on/i.test(name)) out.push(`${el.tag} ${name}`);
      if (/^hx-on/i.test(name)) out.push(`${el.tag} ${name} (needs eval)`);
    }
    for (const v of [el.attrs.href, el.attrs.src, el.attrs.action]) if (v && /^\s*javascript:/i.test(v)) out.push('javascript: URL');
  }
  return out;
}

/** Ids used more than once (a page and its fragments must keep ids unique). */
export async function duplicateIds(html: string): Promise<string[]> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const e of await query(html, '[id]')) (seen.has(e.attrs.id!) ? dup : seen).add(e.attrs.id!);
  return [...dup];
}

/** Every id referenced by aria-describedby / aria-labelledby / label[for] exists in the document. */
export async function danglingIdRefs(html: string): Promise<string[]> {
  const ids = new Set((await query(html, '[id]')).map((e) => e.attrs.id));
  const refs = await query(html, '[aria-describedby], [aria-labelledby], label[for]');
  const missing: string[] = (await duplicateIds(html)).map((id) => `duplicate #${id}`);
  for (const r of refs) {
    const list = [r.attrs['aria-describedby'], r.attrs['aria-labelledby'], r.attrs.for].filter(Boolean).join(' ');
    for (const id of list.split(/\s+/).filter(Boolean)) if (!ids.has(id)) missing.push(id);
  }
  return missing;
}

export const HOSTILE = '<script>alert("x")</script>';
/** The hostile text must appear only escaped: the raw tag never reaches the output. */
export function assertEscaped(html: string): void {
  if (html.includes('<script>alert')) throw new Error('hostile <script> rendered unescaped');
  if (!html.includes('&lt;script&gt;alert')) throw new Error('hostile text missing from output (not rendered at all?)');
}
