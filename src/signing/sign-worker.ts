// Piscina worker entry: builds the signing template once from workerData, then signs each task it is handed.
import { workerData } from 'node:worker_threads';
import { CmsSigner } from './cms-sign.ts';

export interface SignWorkerData {
  chainPem: string;
  keyPem: string;
}

export interface SignTask {
  content: Uint8Array;
  /** Signing time chosen by the caller's Clock (the worker never reads wall time). */
  now: number;
}

const init = workerData as SignWorkerData;
const signer = CmsSigner.fromPem(init.chainPem, init.keyPem);

export default function sign(task: SignTask): Uint8Array {
  return signer.sign(task.content, task.now);
}
