// Typed failures of the actor runtime; protocol layers map them to their wire form (SMTP 4xx, IMAP NO [UNAVAILABLE]).
export class RuntimeError extends Error {
  constructor(
    readonly code: 'ask-timeout' | 'queue-full' | 'actor-stopped' | 'unknown-kind' | 'system-stopped',
    message: string,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}

export class AskTimeoutError extends RuntimeError {
  constructor(target: string, timeoutMs: number) {
    super('ask-timeout', `${target} did not answer within ${timeoutMs} ms`);
  }
}

/** Back-pressure: the target's bounded queue is full; the caller answers a temporary failure. */
export class QueueFullError extends RuntimeError {
  constructor(target: string, capacity: number) {
    super('queue-full', `${target} has ${capacity} messages waiting`);
  }
}

export class ActorStoppedError extends RuntimeError {
  constructor(target: string) {
    super('actor-stopped', `${target} is stopped`);
  }
}

export class UnknownKindError extends RuntimeError {
  constructor(target: string) {
    super('unknown-kind', `no actor kind is registered for ${target}`);
  }
}

export class SystemStoppedError extends RuntimeError {
  constructor() {
    super('system-stopped', 'the actor system is stopped');
  }
}
