import { describe, expect, it } from 'vitest';
import { errorTitle } from './errors';

const t = (key: string) => key;

describe('errorTitle', () => {
  it('shows the core message of sign-in refusals, which says how long to wait', () => {
    expect(errorTitle(t, { code: 'rate_limited', message: 'Wait 4 s, then try again.', fields: null })).toBe('Wait 4 s, then try again.');
    expect(errorTitle(t, { code: 'account_locked', message: 'Locked.', fields: null })).toBe('Locked.');
  });

  it('translates other codes itself', () => {
    expect(errorTitle(t, { code: 'invalid_credentials', message: 'x', fields: null })).toBe('error.invalid_credentials');
  });
});
