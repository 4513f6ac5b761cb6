// Quota rules of a casella: refusal when full, and the thresholds that trigger notices (seed 000 §2.1, seed 003).

/** seed 000 §2.1: notices when occupation reaches 70 % and 90 % of the mailbox size. */
export const QUOTA_NOTICE_PERCENTS = [70, 90] as const;

export function wouldExceed(usedBytes: number, size: number, quotaBytes: number): boolean {
  return usedBytes + size > quotaBytes;
}

/** The thresholds crossed upwards by going from `before` to `after` used bytes (70, 90, and 'soft' for the soft limit). */
export function crossedThresholds(before: number, after: number, quotaBytes: number, softLimitBytes: number): Array<number | 'soft'> {
  const crossed: Array<number | 'soft'> = [];
  for (const p of QUOTA_NOTICE_PERCENTS) {
    const line = (quotaBytes * p) / 100;
    if (before < line && after >= line) crossed.push(p);
  }
  if (softLimitBytes > 0 && before < softLimitBytes && after >= softLimitBytes) crossed.push('soft');
  return crossed;
}
