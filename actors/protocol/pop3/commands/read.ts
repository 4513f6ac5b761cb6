// Shared reply of RETR and TOP when a maildrop message was removed by another channel after the snapshot.
import { err } from '../../../../src/protocol/pop3/encoder.ts';

/** RFC 2449 §8 has no code for it; [SYS/PERM] because retrying will not bring the message back. */
export function messageGone(msg: number): Uint8Array {
  return err(`Message ${msg} was removed from the mailbox by another session`, 'SYS/PERM');
}
