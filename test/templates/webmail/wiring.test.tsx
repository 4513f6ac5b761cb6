// Template pieces the routes added: the HTML frame loaded from its own route, the out-of-band folder tree after
// opening an unread message, and the print page.
import { describe, expect, it } from 'bun:test';
import { demoFolders, demoPecMessage } from '../../../templates/demo-props.ts';
import { FolderTree } from '../../../templates/webmail/folder-tree.tsx';
import { PreviewFragment } from '../../../templates/webmail/main.tsx';
import { MessageView } from '../../../templates/webmail/message-view.tsx';
import { PrintPage } from '../../../templates/webmail/print.tsx';
import { ALL_PERMISSIONS } from '../../../templates/webmail/props.ts';
import { urls } from '../../../templates/urls.ts';
import { cspViolations, query, render } from '../html.ts';

const html = (src?: string) =>
  render(
    <MessageView
      lang="it"
      csrfToken="t"
      flagged={false}
      message={{ kind: 'plain', id: '7', content: { subject: 's', from: { address: 'a@b.it' }, to: [], cc: [], date: 0, body: { kind: 'html', sanitizedHtml: '<p>x</p>', src }, attachments: [] } }}
    />,
  );

describe('wiring pieces', () => {
  it('loads sanitized HTML from its own route when given, in a sandbox without allow-* tokens', async () => {
    const [frame] = await query(await html(urls.mail.body('7', 'main')), 'iframe');
    expect(frame?.attrs.src).toBe('/mail/messages/7/body/main');
    expect(frame?.attrs.srcdoc).toBeUndefined();
    expect(frame?.attrs.sandbox).toBe('');
    const [inline] = await query(await html(), 'iframe');
    expect(inline?.attrs.srcdoc).toBe('<p>x</p>');
  });

  it('swaps the folder tree out of band with the preview only when asked', async () => {
    const tree = { lang: 'it' as const, folders: demoFolders, currentFolderId: 'INBOX', quota: { usedBytes: 1, totalBytes: 10 } };
    const toolbar = { lang: 'it' as const, csrfToken: 't', can: ALL_PERMISSIONS, folderId: 'INBOX', listQuery: {}, folders: demoFolders };
    const view = { lang: 'it' as const, csrfToken: 't', message: demoPecMessage, flagged: false };
    const withTree = await render(<PreviewFragment view={view} toolbar={toolbar} tree={tree} />);
    expect((await query(withTree, '#folder-tree'))[0]?.attrs['hx-swap-oob']).toBe('true');
    expect(await query(await render(<PreviewFragment view={view} toolbar={toolbar} />), '#folder-tree')).toHaveLength(0);
    expect((await query(await render(<FolderTree {...tree} />), '#folder-tree'))[0]?.attrs['hx-swap-oob']).toBeUndefined();
  });

  it('renders the print page with the message and the auto-print marker, inside the CSP', async () => {
    const page = await render(<PrintPage lang="it" csrfToken="t" message={demoPecMessage} flagged={false} />);
    expect((await query(page, 'body'))[0]?.attrs['data-auto-print']).toBe('1');
    expect(await query(page, '.cert-box')).toHaveLength(1);
    expect(await cspViolations(page)).toEqual([]);
  });
});
