// The Signer port served by a piscina pool of workers, each holding its own template and key (ARCHITECTURE: signing).
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Clock } from '../runtime/clock.ts';
import { CmsSigner } from './cms-sign.ts';
import { SignError } from './errors.ts';
import { signerAddress } from './inline-signer.ts';
import type { SignerOptions } from './inline-signer.ts';
import type { Signer } from './signer.ts';
import type { SignTask, SignWorkerData } from './sign-worker.ts';

/** Tasks waiting for a worker beyond this are refused (back-pressure: callers answer a temporary failure). */
export const SIGN_POOL_MAX_QUEUE = 4_096;
/** Signing tasks handed to one worker ahead of time (piscina concurrentTasksPerWorker). */
export const SIGN_TASKS_PER_WORKER = 4;
/** Idle workers stay alive: the template costs a few ms to rebuild. */
const IDLE_TIMEOUT_MS = 2 ** 31 - 1;

export interface PoolSignerOptions extends SignerOptions {
  /** Defaults to the number of cores. */
  threads?: number;
  maxQueue?: number;
}

export class PoolSigner implements Signer {
  readonly address: string;
  readonly chainPem: string;
  private readonly pool: Piscina<SignTask, Uint8Array>;
  private readonly clock: Clock;
  private closed = false;

  constructor(opts: PoolSignerOptions) {
    this.chainPem = opts.chainPem;
    this.address = signerAddress(opts.chainPem);
    // Fail here, in the caller's thread, rather than in every worker: the key must fit the certificate template.
    CmsSigner.fromPem(opts.chainPem, opts.keyPem);
    this.clock = opts.clock;
    const threads = Math.max(1, opts.threads ?? availableParallelism());
    const workerData: SignWorkerData = { chainPem: opts.chainPem, keyPem: opts.keyPem };
    this.pool = new Piscina<SignTask, Uint8Array>({
      filename: new URL('./sign-worker.ts', import.meta.url).href,
      workerData,
      minThreads: threads,
      maxThreads: threads,
      maxQueue: opts.maxQueue ?? SIGN_POOL_MAX_QUEUE,
      // Tasks queue inside each worker: a busy main thread (it runs every actor) no longer leaves workers idle between
      // hand-offs. bench/pec.ts measured the signature round trip fall from ~120 ms to ~30 ms under load.
      concurrentTasksPerWorker: SIGN_TASKS_PER_WORKER,
      idleTimeout: IDLE_TIMEOUT_MS,
    });
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  async signDetached(content: Uint8Array): Promise<Uint8Array> {
    if (this.closed) throw new SignError('signer-closed', 'signer pool is closed');
    const task: SignTask = { content, now: this.clock.now() };
    try {
      return new Uint8Array(await this.pool.run(task));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (/queue is at limit/i.test(message)) throw new SignError('sign-queue-full', 'signing queue is full');
      throw new SignError(this.closed ? 'signer-closed' : 'sign-failed', `signing worker failed: ${message}`);
    }
  }

  /** Lets queued tasks finish, then stops the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close();
  }
}
