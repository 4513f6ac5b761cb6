import { describe, expect, it } from 'bun:test';
import { ALL_ACTIONS, allowedChannels, can, type Action } from '../../../src/auth/permissions.ts';
import {
  administersDomain,
  isCollaborationExpired,
  isCollaborationProfile,
  principalLogin,
  type Amministratore,
  type CollaborationProfile,
  type Collaboratore,
  type Titolare,
} from '../../../src/auth/principal.ts';

const titolare: Titolare = { kind: 'titolare', mailboxId: 'mb1', address: 'test@postacert.toscana.it' };
const collab = (profile: CollaborationProfile, expiresAt: number | null = null): Collaboratore => ({
  kind: 'collaboratore',
  mailboxId: 'mb1',
  address: 'test@postacert.toscana.it',
  username: 'mario',
  profile,
  expiresAt,
});
const admin: Amministratore = { kind: 'amministratore', adminId: 'a1', username: 'admin', superAdmin: false, domainIds: ['d1'] };

/** The matrix of seed 000 §2.7.8: rows are principals, columns the actions, 1 = allowed. */
const MATRIX: [string, Titolare | Collaboratore | Amministratore, Record<Action, 0 | 1>][] = [
  ['titolare', titolare, { webmail: 1, imap: 1, pop3: 1, 'smtp-submit': 1, send: 1, read: 1, delete: 1, move: 1, flag: 1, settings: 1, 'change-mailbox-password': 1, 'manage-collaborators': 1 }],
  ['solo invio', collab('solo-invio'), { webmail: 0, imap: 0, pop3: 0, 'smtp-submit': 1, send: 1, read: 0, delete: 0, move: 0, flag: 0, settings: 0, 'change-mailbox-password': 0, 'manage-collaborators': 0 }],
  ['solo consultazione', collab('solo-consultazione'), { webmail: 1, imap: 1, pop3: 1, 'smtp-submit': 0, send: 0, read: 1, delete: 0, move: 0, flag: 1, settings: 0, 'change-mailbox-password': 0, 'manage-collaborators': 0 }],
  ['accesso completo', collab('accesso-completo'), { webmail: 1, imap: 1, pop3: 1, 'smtp-submit': 1, send: 1, read: 1, delete: 1, move: 1, flag: 1, settings: 1, 'change-mailbox-password': 0, 'manage-collaborators': 0 }],
  ['amministratore', admin, { webmail: 0, imap: 0, pop3: 0, 'smtp-submit': 0, send: 0, read: 0, delete: 0, move: 0, flag: 0, settings: 0, 'change-mailbox-password': 0, 'manage-collaborators': 0 }],
];

describe('can (seed 000 §2.7.8)', () => {
  for (const [name, principal, row] of MATRIX) {
    for (const action of ALL_ACTIONS) {
      it(`${row[action] ? 'lets' : 'refuses'} ${name} ${action}`, () => {
        expect(can(principal, action)).toBe(row[action] === 1);
      });
    }
  }

  it('lists the login channels of each profile', () => {
    expect(allowedChannels(collab('solo-invio'))).toEqual(['smtp-submit']);
    expect(allowedChannels(collab('solo-consultazione'))).toEqual(['webmail', 'imap', 'pop3']);
    expect(allowedChannels(titolare)).toEqual(['webmail', 'imap', 'pop3', 'smtp-submit']);
  });
});

describe('principal helpers', () => {
  const now = Date.UTC(2026, 5, 1);
  it('expires a collaboration at its end instant, never an unlimited one (durata illimitata)', () => {
    expect(isCollaborationExpired(collab('accesso-completo', now + 1), now)).toBe(false);
    expect(isCollaborationExpired(collab('accesso-completo', now), now)).toBe(true);
    expect(isCollaborationExpired(collab('accesso-completo', null), now)).toBe(false);
    expect(isCollaborationExpired(titolare, now)).toBe(false);
  });

  it('limits a domain administrator to their domains and lets a super administrator manage all', () => {
    expect(administersDomain(admin, 'd1')).toBe(true);
    expect(administersDomain(admin, 'd2')).toBe(false);
    expect(administersDomain({ ...admin, superAdmin: true, domainIds: [] }, 'd2')).toBe(true);
    expect(administersDomain(titolare, 'd1')).toBe(false);
  });

  it('renders the login of each principal as typed at the login page', () => {
    expect(principalLogin(titolare)).toBe('test@postacert.toscana.it');
    expect(principalLogin(collab('solo-invio'))).toBe('mario/test@postacert.toscana.it');
    expect(principalLogin(admin)).toBe('admin');
  });

  it('recognises only the three profiles', () => {
    expect(isCollaborationProfile('solo-invio')).toBe(true);
    expect(isCollaborationProfile('admin')).toBe(false);
    expect(isCollaborationProfile('')).toBe(false);
  });
});
