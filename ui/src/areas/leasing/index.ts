/** The leasing area (one chunk, loaded on first use). */
export * from './referrals';
