// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommissionRow, LeaseRow, LeasingReminders, Me, Permission, ReferralDetail, ReferralRow, ReferralStage, ViewingRow } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { SessionContext, type Session } from '../../shared/session';
import { LeasingRemindersScreen } from './LeasingRemindersScreen';
import { OwnerLeasesCard } from './OwnerLeasesCard';
import { ReferralDrawer } from './ReferralDrawer';

const call = vi.hoisted(() => vi.fn());
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call }));

function show(node: ReactNode, permissions: Permission[] = ['leasing_read', 'leasing_write']) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const m: Me = { id: 3, username: 'lease', display_name: '李租赁', role: 'leasing', department: 'leasing', languages: ['zh-CN'], locale: 'zh-CN', permissions };
  const session: Session = { me: m, can: (p) => m.permissions.includes(p), signOut: async () => {}, changeLocale: async () => {} };
  return render(
    <QueryClientProvider client={client}>
      <App>
        <SessionContext.Provider value={session}>{node}</SessionContext.Provider>
      </App>
    </QueryClientProvider>,
  );
}

function row(stage: ReferralStage): ReferralRow {
  return {
    id: 1,
    version: 3,
    listing_id: 10,
    listing_title: '江景两房',
    unit_label: 'A座 1203',
    asking_rent: '12000.00',
    prospect_id: 20,
    prospect_name: '田中由纪',
    prospect_language: 'ja',
    agency_id: 5,
    agency_name: '浦东置业',
    stage,
    lost_reason: null,
    next_viewing: null,
    created_at: '2026-11-20T02:00:00Z',
    updated_at: '2026-11-21T02:00:00Z',
    stage_since: '2026-11-21T02:00:00Z',
  };
}

const VIEWING: ViewingRow = {
  id: 31,
  version: 1,
  referral_id: 1,
  referral_stage: 'viewing_scheduled',
  listing_id: 10,
  listing_title: '江景两房',
  unit_label: 'A座 1203',
  prospect_id: 20,
  prospect_name: '田中由纪',
  prospect_language: 'ja',
  agency_name: '浦东置业',
  starts_at: '2026-11-27T02:30:00Z',
  ends_at: '2026-11-27T03:30:00Z',
  staff_id: 3,
  staff_name: '李租赁',
  status: 'scheduled',
  remind_at: null,
  remind_now: false,
  notes: '',
};

const LEASE: LeaseRow = {
  id: 8,
  referral_id: 1,
  listing_id: 10,
  unit_id: 7,
  unit_label: 'A座 1203',
  customer_id: 42,
  tenant_name: '田中由纪',
  owner_id: 5,
  owner_name: '张三',
  starts_on: '2027-01-01',
  ends_on: '2027-12-31',
  monthly_rent: '11500.00',
  deposit: '23000.00',
  payment_day: 5,
};
const COMMISSION: CommissionRow = {
  id: 2,
  version: 1,
  agency_id: 5,
  agency_name: '浦东置业',
  referral_id: 1,
  lease_id: 8,
  unit_label: 'A座 1203',
  tenant_name: '田中由纪',
  amount: '5750.00',
  due_on: '2027-01-01',
  paid_on: null,
  paid: null,
};

function detail(stage: ReferralStage, extra: Partial<ReferralDetail> = {}): ReferralDetail {
  return {
    row: row(stage),
    listing_version: 4,
    prospect_version: 7,
    steps: [
      { from: null, to: 'referred', at: '2026-11-20T02:00:00Z', staff_name: '李租赁', note: '经中介推荐' },
      { from: 'referred', to: 'viewing_scheduled', at: '2026-11-21T02:00:00Z', staff_name: '王经理', note: '' },
    ],
    viewings: [],
    lease: null,
    commission: null,
    history: [],
    ...extra,
  };
}

beforeAll(async () => {
  await applyLocale('zh-CN');
});
beforeEach(() => {
  call.mockReset();
});
afterEach(cleanup);

describe('the referral drawer in Chinese', { timeout: 30_000 }, () => {
  it('shows the dated steps and offers only the allowed moves', async () => {
    call.mockResolvedValue(detail('viewing_scheduled'));
    show(<ReferralDrawer id={1} onClose={() => {}} />);
    const steps = await screen.findByTestId('referral-steps');
    expect(steps.textContent).toContain('已推荐');
    expect(steps.textContent).toContain('经中介推荐');
    expect(steps.textContent).toContain('王经理');
    expect(screen.getByTestId('referral-move-viewed')).toBeTruthy();
    expect(screen.getByTestId('referral-move-withdrawn')).toBeTruthy();
    expect(screen.queryByTestId('referral-move-offer')).toBeNull();
    expect(screen.queryByTestId('referral-move-signed')).toBeNull();
    expect(screen.queryByTestId('referral-sign')).toBeNull();
  });

  it('schedules a viewing and records it', async () => {
    call.mockImplementation(async (name: string) => {
      if (name === 'referral_get') return detail('viewing_scheduled', { viewings: [VIEWING] });
      if (name === 'staff_lookup') return { items: [{ id: 3, username: 'lease', display_name: '李租赁', department: 'leasing', languages: [] }], total: 1, total_is_lower_bound: false, page: 1, page_size: 100 };
      if (name === 'viewing_record') return detail('viewed', { viewings: [{ ...VIEWING, status: 'done' }] });
      if (name === 'viewing_schedule') return detail('viewing_scheduled', { viewings: [VIEWING] });
      throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    });
    show(<ReferralDrawer id={1} onClose={() => {}} />);
    fireEvent.click(await screen.findByTestId('viewing-record'));
    fireEvent.change(await screen.findByTestId('viewing-record-notes'), { target: { value: '很满意，准备出价' } });
    fireEvent.click(screen.getByTestId('viewing-record-save'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('viewing_record', { id: 31, version: 1, notes: '很满意，准备出价' }));
    await waitFor(() => expect(within(screen.getByTestId('referral-stage')).getByText('已看房')).toBeTruthy());

    fireEvent.click(screen.getByTestId('viewing-schedule'));
    const host = await screen.findByTestId('viewing-start');
    const input = (host.tagName === 'INPUT' ? host : host.querySelector('input')) as HTMLInputElement;
    fireEvent.mouseDown(input);
    fireEvent.change(input, { target: { value: '2026-12-02 10:00' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    fireEvent.change(screen.getByTestId('viewing-notes'), { target: { value: '带钥匙' } });
    fireEvent.click(screen.getByTestId('viewing-save'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('viewing_schedule', expect.objectContaining({ referral_id: 1, notes: '带钥匙', staff_id: null })));
    const input2 = call.mock.calls.find((c) => c[0] === 'viewing_schedule')![1] as { starts_at: string; ends_at: string; remind_at: string };
    expect(new Date(input2.starts_at).getTime()).toBe(new Date(2026, 11, 2, 10, 0).getTime());
    expect(new Date(input2.ends_at).getTime() - new Date(input2.starts_at).getTime()).toBe(3_600_000);
    expect(new Date(input2.starts_at).getTime() - new Date(input2.remind_at).getTime()).toBe(3_600_000);
  });

  it('after signing shows the new tenant and the commission due', async () => {
    let signed = false;
    call.mockImplementation(async (name: string) => {
      if (name === 'referral_get') return signed ? detail('signed', { lease: LEASE, commission: COMMISSION }) : detail('offer');
      if (name === 'referral_sign') {
        signed = true;
        return detail('signed', { lease: LEASE, commission: COMMISSION });
      }
      throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    });
    show(<ReferralDrawer id={1} onClose={() => {}} />);
    fireEvent.click(await screen.findByTestId('referral-sign'));
    fireEvent.change(await screen.findByTestId('sign-deposit'), { target: { value: '23000' } });
    fireEvent.click(screen.getByTestId('sign-save'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('referral_sign', expect.objectContaining({ id: 1, version: 3, listing_version: 4, prospect_version: 7, monthly_rent: '12000.00', deposit: '23000' })));
    const link = (await screen.findByTestId('referral-tenant-link')) as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('#/customers/42');
    expect(link.textContent).toBe('田中由纪');
    expect(screen.getByTestId('referral-commission').textContent).toContain('浦东置业');
    expect(screen.getByTestId('referral-commission').textContent).toContain('5,750.00');
    expect(screen.queryByTestId('referral-sign')).toBeNull();
  });

  it('is read-only for the desk', async () => {
    call.mockResolvedValue(detail('offer'));
    show(<ReferralDrawer id={1} onClose={() => {}} />, ['leasing_read']);
    await screen.findByTestId('referral-steps');
    expect(screen.queryByTestId('referral-actions')).toBeNull();
    expect(screen.queryByTestId('referral-sign')).toBeNull();
  });
});

describe('lease reminders in Chinese', { timeout: 30_000 }, () => {
  const reminders: LeasingReminders = {
    as_of: '2026-11-28',
    leases: [
      { lease: LEASE, kind: 'lease_ending_30', days_left: 25n, text: '租约将在 25 天后（2026-12-23）到期：请续租或重新挂牌' },
      { lease: { ...LEASE, id: 9, unit_label: 'B座 0801' }, kind: 'lease_ending_90', days_left: 80n, text: '租约将在 80 天后到期' },
    ],
    commissions_due: [COMMISSION],
    viewings: [],
  };

  it('groups leases by bucket and lists commissions due', async () => {
    call.mockImplementation(async (name: string) => {
      if (name === 'leasing_reminders') return JSON.parse(JSON.stringify(reminders, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
      if (name === 'commission_pay') return { ...COMMISSION, paid_on: '2026-11-28', paid: '5750.00' };
      throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    });
    show(<LeasingRemindersScreen />);
    const soon = await screen.findByTestId('reminder-bucket-lease_ending_30');
    expect(soon.textContent).toContain('A座 1203');
    expect(soon.textContent).toContain('续租');
    expect(soon.textContent).toContain('25 天');
    expect(screen.getByTestId('reminder-bucket-lease_ending_90').textContent).toContain('B座 0801');
    expect(screen.queryByTestId('reminder-bucket-lease_ending_60')).toBeNull();
    expect(screen.getByTestId('reminder-commissions').textContent).toContain('浦东置业');
    fireEvent.click(screen.getByTestId('commission-pay-2'));
    fireEvent.click(await screen.findByTestId('commission-pay-save'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('commission_pay', expect.objectContaining({ id: 2, version: 1, amount: '5750.00' })));
  });

  it('the owner card shows their units’ leases, and nothing without any', async () => {
    call.mockResolvedValueOnce({ as_of: '2026-11-28', leases: [{ lease: LEASE, kind: null, days_left: 398, text: '' }] });
    show(<OwnerLeasesCard customerId={5} />);
    expect((await screen.findByTestId('owner-leases')).textContent).toContain('田中由纪');
    expect(call).toHaveBeenCalledWith('leases_of_owner', { customer_id: 5, date: null });
    cleanup();
    call.mockResolvedValueOnce({ as_of: '2026-11-28', leases: [] });
    show(<OwnerLeasesCard customerId={6} />);
    await waitFor(() => expect(call).toHaveBeenCalledWith('leases_of_owner', { customer_id: 6, date: null }));
    expect(screen.queryByTestId('owner-leases')).toBeNull();
  });
});
