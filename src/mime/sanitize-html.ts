// HTML mail made safe to render: an allow-list of presentational tags and attributes (no script, no forms, no
// frames, no event handlers, no javascript: URLs, images only from data: URLs). It is the first of two walls: the
// result is still shown only in a sandboxed frame under its own strict CSP (src/web/webmail/message-body.ts).
import sanitize from 'sanitize-html';

/** HTML larger than this is cut before parsing: a mail body is not a book, and parsing cost grows with it. */
export const MAX_SANITIZE_INPUT_CHARS = 2_000_000;

const TAGS = [
  'a', 'abbr', 'address', 'b', 'bdi', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code', 'col', 'colgroup',
  'dd', 'del', 'dfn', 'div', 'dl', 'dt', 'em', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li',
  'mark', 'ol', 'p', 'pre', 'q', 's', 'samp', 'small', 'span', 'strike', 'strong', 'style', 'sub', 'sup', 'table', 'tbody',
  'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'wbr',
];

const PRESENTATION = ['style', 'class', 'id', 'title', 'dir', 'lang', 'align', 'valign', 'width', 'height', 'bgcolor', 'color', 'border'];

const OPTIONS: sanitize.IOptions = {
  allowedTags: TAGS,
  // <style> carries the mail's own CSS; it cannot run code, and the frame's CSP stops any url() it names.
  allowVulnerableTags: true,
  allowedAttributes: {
    '*': PRESENTATION,
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt'],
    font: ['face', 'size', 'color'],
    table: ['cellpadding', 'cellspacing', 'summary'],
    td: ['colspan', 'rowspan', 'nowrap'],
    th: ['colspan', 'rowspan', 'scope', 'nowrap'],
    col: ['span'],
    ol: ['start', 'type'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Remote images are tracking beacons: only images carried inside the message survive (as data: URLs).
  allowedSchemesByTag: { img: ['data'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text of dropped containers that must never show: scripts, styles inside dropped svg, form options, titles.
  nonTextTags: ['script', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'iframe', 'object', 'svg', 'math'],
  transformTags: {
    // Links leave the sandboxed frame in a new top-level context without an opener or a referrer.
    a: sanitize.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }),
    // Relative image URLs would resolve against our own origin: only images carried as data: survive.
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return { tagName, attribs: src && /^data:image\//i.test(src.trim()) ? { ...rest, src } : rest };
    },
  },
};

/** The sanitized HTML of a mail body (a fragment: <html>, <head>, <body> wrappers are dropped, their content kept). */
export function sanitizeMailHtml(html: string): string {
  const input = html.length > MAX_SANITIZE_INPUT_CHARS ? html.slice(0, MAX_SANITIZE_INPUT_CHARS) : html;
  return sanitize(input, OPTIONS);
}
