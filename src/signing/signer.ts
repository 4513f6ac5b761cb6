// The Signer port: the only way the rest of the system obtains a provider signature (RFC 6109 §2.1).
export interface Signer {
  /** The service address in the signing certificate's subjectAltName, e.g. posta-certificata@pec.demo.test. */
  readonly address: string;
  /** PEM of the signer certificate followed by its chain (CA last). */
  readonly chainPem: string;
  /** A detached CMS SignedData (DER) with SHA-256 over exactly these bytes (the signed MIME entity, CRLF). */
  signDetached(content: Uint8Array): Promise<Uint8Array>;
  close?(): Promise<void>;
}
