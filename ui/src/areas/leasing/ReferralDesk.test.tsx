// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me, Permission, ReferralBoard, ReferralDetail, ReferralRow, ReferralStage, ViewingRow } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { SessionContext, type Session } from '../../shared/session';
import { ReferralsScreen } from './ReferralsScreen';
import { SignDialog } from './SignDialog';
import { ViewingsScreen } from './ViewingsScreen';

const call = vi.hoisted(() => vi.fn());
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call }));

function me(permissions: Permission[]): Me {
  return { id: 3, username: 'lease', display_name: '李租赁', role: 'leasing', department: 'leasing', languages: ['zh-CN', 'en'], locale: 'en', permissions };
}

function show(node: ReactNode, permissions: Permission[] = ['leasing_read', 'leasing_write']) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const m = me(permissions);
  const session: Session = { me: m, can: (p) => m.permissions.includes(p), signOut: async () => {}, changeLocale: async () => {} };
  return render(
    <QueryClientProvider client={client}>
      <App>
        <SessionContext.Provider value={session}>{node}</SessionContext.Provider>
      </App>
    </QueryClientProvider>,
  );
}

/** jsdom has no layout: columns side by side, 300 px apart, so dnd-kit's keyboard moves work. */
function fakeLayout() {
  const box = (left: number, top: number, width: number, height: number) =>
    ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON() {} }) as DOMRect;
  const inColumn = (element: Element) => {
    const column = element.closest('[data-column]');
    if (!column) return box(0, 0, 0, 0);
    const index = [...document.querySelectorAll('[data-column]')].indexOf(column);
    if (element === column) return box(index * 300, 0, 280, 800);
    return box(index * 300 + 10, 60, 260, 40);
  };
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const overlay = this.matches('[data-testid="kanban-dragged"]') || this.querySelector('[data-testid="kanban-dragged"]');
    const picked = overlay ? document.querySelector('[data-column] .is-dragging') : null;
    return inColumn(picked ?? this);
  });
  Element.prototype.scrollIntoView ??= () => {};
}

const page = <T,>(items: T[]) => ({ items, total: items.length, total_is_lower_bound: false, page: 1, page_size: 100 });

function row(id: number, stage: ReferralStage, extra: Partial<ReferralRow> = {}): ReferralRow {
  return {
    id,
    version: 2,
    listing_id: 10,
    listing_title: 'Bright 2-bed, river view',
    unit_label: 'A座 1203',
    asking_rent: '12000.00',
    prospect_id: 20,
    prospect_name: 'Tanaka Yuki',
    prospect_language: 'ja',
    agency_id: 5,
    agency_name: 'Pudong Homes',
    stage,
    lost_reason: null,
    next_viewing: null,
    created_at: '2026-11-20T02:00:00Z',
    updated_at: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    stage_since: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    ...extra,
  };
}

const STAGES: ReferralStage[] = ['referred', 'viewing_scheduled', 'viewed', 'offer', 'signed', 'withdrawn', 'lost'];

function boardOf(rows: ReferralRow[]): ReferralBoard {
  return { columns: STAGES.map((stage) => ({ stage, count: rows.filter((r) => r.stage === stage).length, rows: rows.filter((r) => r.stage === stage) })) };
}

function detailOf(r: ReferralRow, extra: Partial<ReferralDetail> = {}): ReferralDetail {
  return {
    row: r,
    listing_version: 4,
    prospect_version: 7,
    steps: [{ from: null, to: 'referred', at: '2026-11-20T02:00:00Z', staff_name: '李租赁', note: '' }],
    viewings: [],
    lease: null,
    commission: null,
    history: [],
    ...extra,
  };
}

beforeAll(async () => {
  await applyLocale('en');
});
beforeEach(() => {
  call.mockReset();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the referral board', { timeout: 30_000 }, () => {
  it('shows the pipeline stages with their cards, withdrawn and lost on demand', async () => {
    call.mockImplementation(async (name: string) => {
      if (name === 'referral_board') return boardOf([row(1, 'referred'), row(2, 'offer'), row(3, 'lost', { lost_reason: 'Chose another flat' })]);
      if (name.endsWith('_list')) return page([]);
      throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    });
    show(<ReferralsScreen />);
    const card = await screen.findByTestId('referral-card-1');
    for (const stage of ['referred', 'viewing_scheduled', 'viewed', 'offer', 'signed']) {
      expect(screen.getByTestId(`board-col-${stage}`)).toBeTruthy();
    }
    expect(screen.queryByTestId('board-col-lost')).toBeNull();
    expect(within(screen.getByTestId('board-col-referred')).getByTestId('referral-card-1')).toBe(card);
    expect(card.textContent).toContain('Tanaka Yuki');
    expect(card.textContent).toContain('A座 1203');
    expect(card.textContent).toContain('Pudong Homes');
    expect(card.textContent).toContain('3 day(s) in this stage');
    expect(within(screen.getByTestId('board-col-offer')).getByTestId('referral-card-2')).toBeTruthy();
    expect(call).toHaveBeenCalledWith('referral_board', { agency_id: null, listing_id: null, per_stage: 50 });
    fireEvent.click(screen.getByTestId('referrals-show-closed'));
    expect(within(await screen.findByTestId('board-col-lost')).getByTestId('referral-card-3').textContent).toContain('Chose another flat');
  });

  it('a refused move snaps back and shows the core’s reason, translated', async () => {
    fakeLayout();
    const r = row(1, 'referred');
    let refuse!: (reason: unknown) => void;
    call.mockImplementation(async (name: string) => {
      if (name === 'referral_board') return boardOf([r]);
      if (name === 'referral_move') return new Promise((_, reject) => (refuse = reject));
      if (name.endsWith('_list')) return page([]);
      throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    });
    show(<ReferralsScreen />);
    await screen.findByTestId('referral-card-1');
    const user = userEvent.setup();
    // Two columns to the right: referred → viewed skips a stage.
    screen.getByTestId('kanban-card-1').focus();
    await user.keyboard('[Space]');
    await user.keyboard('[ArrowRight]');
    await user.keyboard('[ArrowRight]');
    await user.keyboard('[Space]');
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('referral_move', { id: 1, version: 2, to: 'viewed', reason: null, note: '' }),
    );
    expect(within(screen.getByTestId('board-col-viewed')).queryByTestId('referral-card-1')).toBeTruthy();
    await act(async () =>
      refuse({ code: 'validation', message: 'Some fields need attention.', fields: { stage: 'validation.referral_stage_skip' } }),
    );
    expect((await screen.findByTestId('kanban-error')).textContent).toBe(
      'A referral moves one stage at a time: referred, viewing scheduled, viewed, offer.',
    );
    expect(within(screen.getByTestId('board-col-referred')).queryByTestId('referral-card-1')).toBeTruthy();
    expect(within(screen.getByTestId('board-col-viewed')).queryByTestId('referral-card-1')).toBeNull();
  });

  it('a move to lost asks for the reason and sends it', async () => {
    fakeLayout();
    call.mockImplementation(async (name: string) => {
      if (name === 'referral_board') return boardOf([row(4, 'offer')]);
      if (name === 'referral_move') return detailOf(row(4, 'lost', { lost_reason: 'Budget' }));
      if (name.endsWith('_list')) return page([]);
      throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    });
    show(<ReferralsScreen />);
    fireEvent.click(await screen.findByTestId('referrals-show-closed'));
    await screen.findByTestId('board-col-lost');
    const user = userEvent.setup();
    screen.getByTestId('kanban-card-4').focus();
    await user.keyboard('[Space]');
    for (let i = 0; i < 3; i += 1) await user.keyboard('[ArrowRight]');
    await user.keyboard('[Space]');
    fireEvent.change(await screen.findByTestId('referral-reason'), { target: { value: 'Budget' } });
    fireEvent.click(screen.getByTestId('referral-reason-save'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('referral_move', { id: 4, version: 2, to: 'lost', reason: 'Budget', note: '' }));
  });
  it('a drop of an offer on signed opens the signing form; cancelling it leaves the card', async () => {
    fakeLayout();
    const r = row(6, 'offer', { version: 5 });
    call.mockImplementation(async (name: string) => {
      if (name === 'referral_board') return boardOf([r]);
      if (name === 'referral_get') return detailOf(r);
      if (name.endsWith('_list')) return page([]);
      throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    });
    show(<ReferralsScreen />);
    await screen.findByTestId('referral-card-6');
    const user = userEvent.setup();
    screen.getByTestId('kanban-card-6').focus();
    await user.keyboard('[Space]');
    await user.keyboard('[ArrowRight]');
    await user.keyboard('[Space]');
    expect(await screen.findByTestId('sign-rent')).toBeTruthy();
    expect(call).toHaveBeenCalledWith('referral_get', { id: 6 });
    expect(call).not.toHaveBeenCalledWith('referral_move', expect.anything());
    fireEvent.click(screen.getByTestId('sign-cancel'));
    expect((await screen.findByTestId('kanban-error')).textContent).toBe('The move was cancelled.');
    expect(within(screen.getByTestId('board-col-offer')).queryByTestId('referral-card-6')).toBeTruthy();
  });
});

describe('the sign dialog', { timeout: 30_000 }, () => {
  async function pickDate(testId: string, value: string) {
    const host = screen.getByTestId(testId);
    const input = (host.tagName === 'INPUT' ? host : host.querySelector('input')) as HTMLInputElement;
    fireEvent.mouseDown(input);
    fireEvent.focus(input);
    fireEvent.change(input, { target: { value } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(input.value).toBe(value));
  }

  it('sends the terms with the versions the core asks for, and keeps the form when refused', async () => {
    const detail = detailOf(row(9, 'offer', { version: 6 }));
    call.mockRejectedValueOnce({
      code: 'validation',
      message: 'Some fields need attention.',
      fields: { starts_on: 'validation.unit_has_tenant' },
    });
    const onSigned = vi.fn();
    show(<SignDialog open detail={detail} onClose={() => {}} onSigned={onSigned} />);
    await pickDate('sign-start', '2027-01-01');
    await pickDate('sign-end', '2027-12-31');
    fireEvent.change(screen.getByTestId('sign-rent'), { target: { value: '11500' } });
    fireEvent.change(screen.getByTestId('sign-deposit'), { target: { value: '23000.00' } });
    fireEvent.change(screen.getByTestId('sign-payment-day'), { target: { value: '5' } });
    fireEvent.click(screen.getByTestId('sign-save'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('referral_sign', {
        id: 9,
        version: 6,
        listing_version: 4,
        prospect_version: 7,
        starts_on: '2027-01-01',
        ends_on: '2027-12-31',
        monthly_rent: '11500',
        deposit: '23000.00',
        payment_day: 5,
      }),
    );
    const refusal = 'The unit still has a tenant for these dates. End that tenancy first or choose other dates.';
    expect((await screen.findByTestId('sign-error')).textContent).toContain(refusal);
    expect(onSigned).not.toHaveBeenCalled();
    // The form keeps what was typed.
    expect((screen.getByTestId('sign-rent') as HTMLInputElement).value).toBe('11500');

    // Something changed meanwhile: the conflict is said plainly, then a second try signs.
    call.mockRejectedValueOnce({ code: 'conflict', message: 'Someone else changed this record after you opened it.', fields: null });
    fireEvent.click(screen.getByTestId('sign-save'));
    await waitFor(() => expect(screen.getByTestId('sign-error').textContent).toContain('Someone else changed this record'));
    const signed = detailOf(row(9, 'signed'));
    call.mockResolvedValueOnce(signed);
    fireEvent.click(screen.getByTestId('sign-save'));
    await waitFor(() => expect(onSigned).toHaveBeenCalledWith(signed));
  });
});

describe('the viewings calendar', { timeout: 30_000 }, () => {
  it('places a viewing on its day in the week view and opens its referral', async () => {
    const friday = new Date(2026, 10, 27, 10, 30);
    const viewing: ViewingRow = {
      id: 31,
      version: 1,
      referral_id: 1,
      referral_stage: 'viewing_scheduled',
      listing_id: 10,
      listing_title: 'Bright 2-bed',
      unit_label: 'A座 1203',
      prospect_id: 20,
      prospect_name: 'Tanaka Yuki',
      prospect_language: 'ja',
      agency_name: null,
      starts_at: friday.toISOString(),
      ends_at: new Date(2026, 10, 27, 11, 30).toISOString(),
      staff_id: 3,
      staff_name: '李租赁',
      status: 'scheduled',
      remind_at: new Date(2026, 10, 27, 9, 30).toISOString(),
      remind_now: true,
      notes: '',
    };
    call.mockImplementation(async (name: string) => {
      if (name === 'viewing_list') return [viewing];
      if (name === 'referral_get') return detailOf(row(1, 'viewing_scheduled'), { viewings: [viewing] });
      throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    });
    show(<ViewingsScreen initialDate={new Date(2026, 10, 25, 15, 0)} />);
    const block = await screen.findByTestId('viewing-31');
    expect(call).toHaveBeenCalledWith('viewing_list', {
      from: new Date(2026, 10, 23).toISOString(),
      to: new Date(2026, 10, 30).toISOString(),
      staff_id: null,
      include_cancelled: false,
    });
    expect(screen.getByTestId('viewing-day-2026-11-27').contains(block)).toBe(true);
    for (const day of ['23', '24', '25', '26', '28', '29']) {
      expect(screen.getByTestId(`viewing-day-2026-11-${day}`).contains(block)).toBe(false);
    }
    expect(block.getAttribute('data-remind')).toBe('true');
    expect(block.textContent).toContain('10:30');
    fireEvent.click(block);
    expect(await screen.findByTestId('referral-drawer')).toBeTruthy();
    await waitFor(() => expect(call).toHaveBeenCalledWith('referral_get', { id: 1 }));

    // The day view of that Friday shows one column.
    fireEvent.click(screen.getByTestId('viewings-view-day'));
    await waitFor(() => expect(screen.queryByTestId('viewing-day-2026-11-27')).toBeNull());
  });
});
