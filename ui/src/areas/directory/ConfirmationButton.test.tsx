// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Confirmation, Me, Permission } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { SessionContext, type Session } from '../../shared/session';
import { ConfirmationButton } from './ConfirmationButton';

const call = vi.hoisted(() => vi.fn());
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call }));

function me(permissions: Permission[]): Me {
  return { id: 1, username: 'desk', display_name: '刘芳', role: 'desk', department: 'customer_service', languages: ['zh-CN'], locale: 'zh-CN', permissions };
}

const JA: Confirmation = {
  subject: 'case',
  id: 12,
  customer_id: 5,
  customer_name: '山田太郎',
  language: 'en',
  fell_back: true,
  requested_language: 'ja',
  reference: 'C000012',
  text: 'Dear 山田太郎, we have received your request C000012 (Leak) and aim to complete it by Nov 28, 2026 17:30.',
};

function show(permissions: Permission[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const m = me(permissions);
  const session: Session = { me: m, can: (p) => m.permissions.includes(p), signOut: async () => {}, changeLocale: async () => {} };
  render(
    <QueryClientProvider client={client}>
      <App>
        <SessionContext.Provider value={session}>
          <ConfirmationButton subject="case" id={12} testId="case-confirmation" />
        </SessionContext.Provider>
      </App>
    </QueryClientProvider>,
  );
}

const writeText = vi.fn(async () => {});

beforeAll(async () => {
  await applyLocale('zh-CN');
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
});
beforeEach(() => {
  call.mockReset();
  writeText.mockClear();
  call.mockImplementation(async (name: string) => {
    switch (name) {
      case 'confirmation_get':
        return JA;
      case 'confirmation_given':
        return { id: 1 };
      default:
        throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    }
  });
});
afterEach(cleanup);

describe('the confirmation modal', { timeout: 30_000 }, () => {
  it('shows the text with its language, flags the fallback, copies and marks it given', async () => {
    show(['case_read', 'contact_record']);
    fireEvent.click(screen.getByTestId('case-confirmation'));
    const text = (await screen.findByTestId('confirmation-text')) as HTMLTextAreaElement;
    expect(text.value).toBe(JA.text);
    expect(screen.getByTestId('confirmation-language').textContent).toBe('英语');
    expect(screen.getByTestId('confirmation-fallback').textContent).toContain('日语');
    expect(call).toHaveBeenCalledWith('confirmation_get', expect.objectContaining({ subject: 'case', id: 12 }));
    fireEvent.click(screen.getByTestId('confirmation-copy'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(JA.text));
    fireEvent.click(screen.getByTestId('confirmation-given'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('confirmation_given', expect.objectContaining({ subject: 'case', id: 12, channel: 'sms' })),
    );
  });

  it('lets those who may not record only copy and print', async () => {
    show(['case_read']);
    fireEvent.click(screen.getByTestId('case-confirmation'));
    await screen.findByTestId('confirmation-text');
    expect(screen.getByTestId('confirmation-print')).toBeTruthy();
    expect(screen.queryByTestId('confirmation-given')).toBeNull();
  });
});
