import { afterEach, beforeEach, describe, expect, it } from 'bun:test';
import { defaultSoftLimit, MAILBOX_TYPES } from '../../../src/config/mailbox-types.ts';
import { ConflictError, InvalidValueError, LimitExceededError, MailboxNameLockedError, NotFoundError } from '../../../src/store/errors.ts';
import { fixture, msg, T0, type Fixture } from './helpers.ts';

let f: Fixture;
beforeEach(() => {
  f = fixture();
});
afterEach(() => f.cleanup());

describe('MailboxRepo', () => {
  it('creates a lowercase address with the type quota and an 80% soft limit', () => {
    const m = f.store.mailboxes.create({ localPart: 'Ufficio.Protocollo', domainId: 1, type: 'C', communicationEmail: 'Capo@Example.COM', conservazione: true }, T0);
    expect(m).toMatchObject({
      address: 'ufficio.protocollo@pec.demo.test',
      state: 'attiva',
      type: 'C',
      quotaBytes: MAILBOX_TYPES.C.inboxBytes,
      softLimitBytes: defaultSoftLimit(MAILBOX_TYPES.C.inboxBytes),
      softLimitManual: false,
      conservazione: true,
      communicationEmail: 'capo@example.com',
      usedBytes: 0,
    });
    expect(f.store.mailboxes.byAddress('UFFICIO.protocollo@PEC.demo.test')?.id).toBe(m.id);
  });

  it('refuses an existing address, the service address and an unknown domain', () => {
    expect(() => f.store.mailboxes.create({ localPart: 'MARIO.ROSSI', domainId: 1, type: 'A' }, T0)).toThrow(ConflictError);
    expect(() => f.store.mailboxes.create({ localPart: 'posta-certificata', domainId: 1, type: 'A' }, T0)).toThrow(InvalidValueError);
    expect(() => f.store.mailboxes.create({ localPart: 'x', domainId: 99, type: 'A' }, T0)).toThrow(NotFoundError);
  });

  it('rejects hostile local parts: spaces, quotes, NUL, and 10 KB names by MAX_LOCAL_PART_LENGTH', () => {
    for (const bad of ['a b', `a'b"`, 'a\u0000b', '.a', 'a..b', 'a@b']) {
      expect(() => f.store.mailboxes.create({ localPart: bad, domainId: 1, type: 'A' }, T0)).toThrow(InvalidValueError);
    }
    expect(() => f.store.mailboxes.create({ localPart: 'x'.repeat(10_240), domainId: 1, type: 'A' }, T0)).toThrow(LimitExceededError);
  });

  it('never lets a cancelled name be created again', () => {
    const mb = f.store.mailboxes;
    mb.cancel(f.mailboxId, T0 + 1);
    f.reopen();
    expect(() => f.store.mailboxes.create({ localPart: 'mario.rossi', domainId: 1, type: 'A' }, T0 + 2)).toThrow(MailboxNameLockedError);
    expect(() => f.store.mailboxes.setState(f.mailboxId, 'attiva')).toThrow(MailboxNameLockedError);
    expect(f.store.mailboxes.require(f.mailboxId)).toMatchObject({ state: 'cancellata', cancelledAt: T0 + 1 });
  });

  it('deletes every message when a mailbox is cancelled and returns the blobs to delete', () => {
    const a = f.store.messages.insertMessage(f.inbox, msg());
    f.store.messages.insertMessage(f.sent, msg());
    const { releasedBlobs } = f.store.mailboxes.cancel(f.mailboxId, T0);
    expect(releasedBlobs).toHaveLength(2);
    expect(f.store.messages.getById(a.id)).toBeUndefined();
    expect(f.store.mailboxes.require(f.mailboxId).usedBytes).toBe(0);
  });

  it('moves the soft limit with the quota unless it was set by hand', () => {
    const mb = f.store.mailboxes;
    expect(mb.setQuota(f.mailboxId, 1000)).toMatchObject({ quotaBytes: 1000, softLimitBytes: 800, softLimitManual: false });
    expect(mb.setQuota(f.mailboxId, 1000, 950)).toMatchObject({ softLimitBytes: 950, softLimitManual: true });
    expect(mb.setQuota(f.mailboxId, 2000)).toMatchObject({ softLimitBytes: 1600, softLimitManual: false });
    expect(() => mb.setQuota(f.mailboxId, 1000, 1001)).toThrow(InvalidValueError);
    expect(() => mb.setQuota(f.mailboxId, -1)).toThrow(InvalidValueError);
  });

  it('switches between attiva and disabilitata', () => {
    expect(f.store.mailboxes.setState(f.mailboxId, 'disabilitata').state).toBe('disabilitata');
    expect(f.store.mailboxes.setState(f.mailboxId, 'attiva').state).toBe('attiva');
  });

  it('lists a domain mailboxes containing a text, literally, and by state', () => {
    const mb = f.store.mailboxes;
    mb.create({ localPart: 'ufficio_tecnico', domainId: 1, type: 'A' }, T0);
    mb.create({ localPart: 'ufficioxtecnico', domainId: 1, type: 'A' }, T0);
    expect(mb.listByDomain(1, { contains: 'o_t' }).map((m) => m.localPart)).toEqual(['ufficio_tecnico']);
    expect(mb.listByDomain(1, { contains: '%' })).toEqual([]);
    expect(() => mb.listByDomain(1, { contains: 'x'.repeat(10_240) })).toThrow(LimitExceededError);
    expect(mb.listByDomain(1, { state: 'attiva' })).toHaveLength(3);
    mb.setState(f.mailboxId, 'disabilitata');
    expect(mb.listByDomain(1, { state: 'disabilitata' }).map((m) => m.id)).toEqual([f.mailboxId]);
  });
});
