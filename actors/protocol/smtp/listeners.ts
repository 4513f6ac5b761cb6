// Starts the SMTP listeners (submission 465/587, MX 25) with one `smtp-session:<id>` actor per connection: the
// sockets stay in src/net/smtp-listener.ts, the rules in the session actor; this file links the two.
import type { MailListenerDeps } from '../listener-deps.ts';
import { MAILBOX_TYPES } from '../../../src/config/mailbox-types.ts';
import { DEFAULT_SMTP_LIMITS, startSmtpServers, type SmtpListeners } from '../../../src/net/smtp-listener.ts';
import type { SmtpLimits } from '../../../src/protocol/smtp/limits.ts';
import type { SessionAnswer, SmtpSessionLink } from '../../../src/protocol/smtp/session-messages.ts';
import type { IncomingPort, SubmissionPort } from '../../pec/ports.ts';
import { smtpSessionKind, smtpSessionName } from './session.actor.ts';

export type { SmtpListeners } from '../../../src/net/smtp-listener.ts';

export interface SmtpListenerDeps extends MailListenerDeps {
  submission: SubmissionPort;
  incoming: IncomingPort;
  /** Tests shrink limits; production uses DEFAULT_SMTP_LIMITS. */
  limits?: Partial<SmtpLimits>;
}

/** Registers the session kind (once per actor system) and binds the listeners. */
export function startSmtpListeners(deps: SmtpListenerDeps): Promise<SmtpListeners> {
  const limits: SmtpLimits = { ...DEFAULT_SMTP_LIMITS, ...deps.limits };
  deps.system.register(
    smtpSessionKind({
      auth: deps.auth,
      mailboxLimits: (address) => {
        const m = deps.store.mailboxes.byAddress(address);
        const t = m ? MAILBOX_TYPES[m.type] : undefined;
        return t && { maxMessageBytes: t.maxMessageBytes, maxRecipients: t.maxRecipientsPerMessage };
      },
      submission: deps.submission,
      incoming: deps.incoming,
      limits,
      emit: (e) => deps.bus.emit(e),
    }),
  );
  const sessions: SmtpSessionLink = {
    ask: (id, msg, timeoutMs) => deps.system.ask<SessionAnswer>(smtpSessionName(id), msg, timeoutMs),
    tell: (id, msg) => deps.system.tell(smtpSessionName(id), msg),
  };
  return startSmtpServers({ config: deps.config, pki: deps.pki, sessions, limits });
}
