// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CustomerRow } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { installKeyCodes } from '../../testing/keyCodes';
import { deriveTitle, IntakeLauncher, type IntakeSubmit } from './IntakeForm';

const call = vi.hoisted(() => vi.fn());
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call }));

const WANG: CustomerRow = {
  id: 41,
  kind: 'person',
  name: '王建国',
  name_latin: 'Wang Jianguo',
  phone_masked: '138****5678',
  preferred_language: 'zh-CN',
  nationality: 'CN',
  vip: false,
  units: 'A座 1203',
};
const SMITH: CustomerRow = { ...WANG, id: 42, name: 'John Smith', name_latin: null, preferred_language: 'en', units: 'B座 0801' };

function renderDesk(onSubmit: IntakeSubmit) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App>
        <p data-testid="elsewhere">some screen</p>
        <IntakeLauncher onSubmit={onSubmit} renderOpenCases={(c) => <span>{`cases of ${c.id}`}</span>} />
      </App>
    </QueryClientProvider>,
  );
}

/**
 * Keyboard only. `press` counts the key presses (a chord such as Ctrl+Enter counts as one
 * press of each key held); `type` is the typed text, which the intake budget does not count.
 */
function keyboard(user: UserEvent) {
  let presses = 0;
  return {
    press: async (keys: string, count: number) => {
      presses += count;
      await user.keyboard(keys);
    },
    type: (text: string) => user.keyboard(text),
    get presses() {
      return presses;
    },
  };
}

beforeAll(async () => {
  await applyLocale('en');
  return installKeyCodes();
});
beforeEach(() => {
  call.mockReset();
  call.mockImplementation(async (name: string, input: { search: string }) => {
    if (name !== 'customer_list') throw new Error(`unexpected ${name}`);
    const items = [WANG, SMITH].filter((c) => c.units.includes(input.search) || c.name.includes(input.search));
    return { items, total: items.length, page: 1, page_size: 8 };
  });
});
afterEach(cleanup);

// Many keyboard steps through antd in jsdom: slow on a busy machine, not stuck.
describe('intake form', { timeout: 30_000 }, () => {
  it('records a hotline repair for a known customer in at most 10 key presses beyond the text', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<IntakeSubmit>(async () => ({ id: 101 }));
    renderDesk(onSubmit);
    screen.getByTestId('elsewhere').focus();
    const keys = keyboard(user);

    await keys.press('{F2}', 1); // open the drawer from anywhere
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('customer-finder-input')));
    await keys.type('1203');
    await screen.findByTestId('customer-option-41'); // the match appears (no key)
    await keys.press('{Enter}', 1); // pick the first match
    expect(await screen.findByTestId('intake-units')).toHaveProperty('textContent', 'A座 1203');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('intake-kind')));
    await keys.press('1', 1); // repair
    await keys.press('{Tab}', 1); // to the description
    expect(document.activeElement).toBe(screen.getByTestId('intake-description'));
    await keys.type('Kitchen tap leaking');
    await keys.press('{Control>}{Enter}{/Control}', 2); // save

    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toEqual({
      customer_id: 41,
      unit_id: null,
      caller_name: null,
      caller_phone: null,
      language: 'zh-CN',
      kind: 'repair',
      consultation_topic: null,
      channel: 'hotline',
      priority: 'normal',
      title: 'Kitchen tap leaking',
      description: 'Kitchen tap leaking',
    });
    expect(keys.presses).toBeLessThanOrEqual(10);
    expect(keys.presses).toBe(6);
    expect(call).toHaveBeenCalledWith('customer_list', expect.objectContaining({ search: '1203' }));
    await waitFor(() => expect(screen.queryByTestId('intake-form')).toBeNull()); // the drawer closed
  });

  it('flags a customer who prefers another language and shows their open cases', async () => {
    const user = userEvent.setup();
    renderDesk(vi.fn());
    await user.keyboard('{Control>}n{/Control}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('customer-finder-input')));
    await user.keyboard('0801');
    await screen.findByTestId('customer-option-42');
    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('intake-foreign-language')).textContent).toContain('English');
    expect(screen.getByTestId('intake-open-cases').textContent).toBe('cases of 42');
  });

  it('opens a case for an unknown caller with a name and phone', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<IntakeSubmit>(async () => ({ id: 102 }));
    renderDesk(onSubmit);
    await user.keyboard('{F2}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('customer-finder-input')));
    await user.tab(); // the finder's clear button is not a tab stop; next is "unknown caller"
    expect(document.activeElement).toBe(screen.getByTestId('intake-unknown'));
    await user.keyboard(' ');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByTestId('intake-caller-name'));
    await user.keyboard('Ms Li');
    await user.tab();
    await user.keyboard('13900001111');
    await user.tab();
    await user.keyboard('2'); // complaint
    await user.tab();
    await user.keyboard('Noise from the gym{Enter}after 22:00 every night');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0][0]).toMatchObject({
      customer_id: null,
      caller_name: 'Ms Li',
      caller_phone: '13900001111',
      kind: 'complaint',
      title: 'Noise from the gym',
      description: 'Noise from the gym\nafter 22:00 every night',
    });
  });

  it('Ctrl+Enter validates first: no customer and no description are refused', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<IntakeSubmit>();
    renderDesk(onSubmit);
    await user.keyboard('{F2}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('customer-finder-input')));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByText('Choose a customer or mark the caller as unknown.')).toBeTruthy();
    expect(await screen.findByText('Describe the request.')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows the core field errors on the form', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn<IntakeSubmit>(async () => {
      throw { code: 'validation', message: 'invalid', fields: { 'case.title': 'validation.required' } };
    });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <App>
          <IntakeLauncher onSubmit={onSubmit} fieldPrefix="case" />
        </App>
      </QueryClientProvider>,
    );
    await user.keyboard('{F2}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('customer-finder-input')));
    await user.click(screen.getByTestId('intake-unknown'));
    await user.type(screen.getByTestId('intake-caller-phone'), '110');
    await user.click(screen.getByTestId('intake-kind-inquiry'));
    await user.type(screen.getByTestId('intake-description'), 'x');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByTestId('form-error')).toBeTruthy();
    const titleItem = screen.getByTestId('intake-title').closest('.ant-form-item')!;
    await waitFor(() => expect(titleItem.textContent).toContain('Required.'));
  });

  it('derives the title from the first line of the description', () => {
    expect(deriveTitle('', '\n  水管漏水 \n厨房')).toBe('水管漏水');
    expect(deriveTitle(' Typed ', 'x')).toBe('Typed');
    expect([...deriveTitle(undefined, '长'.repeat(200))]).toHaveLength(80);
  });
});
