// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

import '../i18n';
import { usePagedList } from './usePagedList';
import { commandKey } from './commands';
import type { AuditEvent } from '../../lib/backend';

type Input = { event: string | null; page: number; page_size: number };

afterEach(cleanup);

function wrapper() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return {
    client,
    Wrapper: ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>,
  };
}

describe('usePagedList', () => {
  it('turns filters, page and page size into the input and goes back to page 1 on new filters', async () => {
    const release: Array<() => void> = [];
    invoke.mockImplementation(
      (_name: string, { input }: { input: Input }) =>
        new Promise((resolve) =>
          release.push(() =>
            resolve({ items: [{ id: input.page, event: input.event }], total: 120, page: input.page, page_size: input.page_size }),
          ),
        ),
    );
    const { client, Wrapper } = wrapper();
    const { result, rerender } = renderHook(
      ({ event }: { event: AuditEvent | null }) => usePagedList('audit_list', { event }, { pageSize: 50 }),
      { wrapper: Wrapper, initialProps: { event: null as AuditEvent | null } },
    );
    expect(result.current.input).toEqual({ event: null, page: 1, page_size: 50 });
    expect(result.current.tableProps.loading).toBe(true);
    await act(async () => release.shift()!());
    await waitFor(() => expect(result.current.rows).toEqual([{ id: 1, event: null }]));
    expect(result.current.total).toBe(120);
    expect(client.getQueryData(commandKey('audit_list', { event: null, page: 1, page_size: 50 }))).toBeDefined();

    act(() => result.current.tableProps.pagination.onChange!(3, 50));
    expect(result.current.input).toEqual({ event: null, page: 3, page_size: 50 });
    // The previous page stays on screen while the next one loads.
    expect(result.current.rows).toEqual([{ id: 1, event: null }]);
    expect(result.current.tableProps.loading).toBe(false);
    await act(async () => release.shift()!());
    await waitFor(() => expect(result.current.rows).toEqual([{ id: 3, event: null }]));

    rerender({ event: 'login_failed' });
    expect(result.current.input).toEqual({ event: 'login_failed', page: 1, page_size: 50 });
    expect(result.current.tableProps.pagination.current).toBe(1);

    act(() => result.current.setPage(1, 20));
    expect(result.current.input).toEqual({ event: 'login_failed', page: 1, page_size: 20 });
    expect(invoke).toHaveBeenLastCalledWith('call', expect.objectContaining({ command: 'audit_list', input: { event: 'login_failed', page: 1, page_size: 20 } }));
  });
});
