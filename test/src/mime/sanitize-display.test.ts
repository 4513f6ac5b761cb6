import { describe, expect, it } from 'bun:test';
import { parseForDisplay, safeFilename } from '../../../src/mime/display.ts';
import { MAX_SANITIZE_INPUT_CHARS, sanitizeMailHtml } from '../../../src/mime/sanitize-html.ts';

describe('sanitizeMailHtml', () => {
  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<img src=x onerror=alert(1)>', '<img />'],
    ['<a href="javascript:alert(1)">x</a>', '<a target="_blank" rel="noopener noreferrer">x</a>'],
    ['<svg onload=alert(1)><circle/></svg>t', 't'],
    ['<iframe src="https://e.x"></iframe><object data=x></object>', ''],
    ['<form action="https://e.x"><input name=p></form>', ''],
    ['<p style="color:red" onclick="x()">c</p>', '<p style="color:red">c</p>'],
    ['<img src="https://tracker.example/p.gif">', '<img />'],
    ['<img src="data:image/png;base64,AAAA">', '<img src="data:image/png;base64,AAAA" />'],
    ['<meta http-equiv="refresh" content="0;url=https://e.x"><base href="https://e.x/">', ''],
  ])('%s -> %s', (input, out) => {
    expect(sanitizeMailHtml(input)).toBe(out);
  });

  it('keeps the mail\'s own <style> and cuts input past MAX_SANITIZE_INPUT_CHARS', () => {
    expect(sanitizeMailHtml('<style>p{color:red}</style>')).toBe('<style>p{color:red}</style>');
    expect(sanitizeMailHtml('a'.repeat(MAX_SANITIZE_INPUT_CHARS + 10)).length).toBe(MAX_SANITIZE_INPUT_CHARS);
  });
});

describe('parseForDisplay', () => {
  it('decodes headers, text and attachments with stable part references', async () => {
    const raw = new TextEncoder().encode(
      'From: =?utf-8?B?UGVyY2jDqQ==?= <a@b.it>\r\nTo: x@y.it, "Z" <z@y.it>\r\nSubject: =?utf-8?Q?Perch=C3=A9?=\r\nDate: Thu, 12 Mar 2026 09:00:00 +0100\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nciao\r\n--b\r\nContent-Type: application/pdf; name="../x.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERg==\r\n--b--\r\n',
    );
    const d = await parseForDisplay(raw, 'o');
    expect(d.subject).toBe('Perché');
    expect(d.from).toEqual({ name: 'Perché', address: 'a@b.it' });
    expect(d.to.map((a) => a.address)).toEqual(['x@y.it', 'z@y.it']);
    expect(d.date).toBe(Date.UTC(2026, 2, 12, 8));
    expect(d.text?.trim()).toBe('ciao');
    expect(d.attachments).toHaveLength(1);
    expect(d.attachments[0]).toMatchObject({ part: 'o0', filename: 'x.pdf', contentType: 'application/pdf', size: 4 });
  });

  it('makes filenames safe', () => {
    expect(safeFilename('../../etc/passwd', 'f')).toBe('passwd');
    expect(safeFilename('a\u0000b"c.txt', 'f')).toBe('abc.txt');
    expect(safeFilename('..', 'f')).toBe('f');
    expect(safeFilename(null, 'f')).toBe('f');
  });
});
