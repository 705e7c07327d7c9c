// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AgencyDetail, ListingDetail, ProspectMatch, AgencyRow, CommissionRow, ListingMatch, ListingRow, Me, Permission, ProspectDetail, ReferralRow } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { SessionContext, type Session } from '../../shared/session';
import { AgencyScreen } from './AgencyScreen';
import { ListingScreen } from './ListingScreen';
import { ListingsScreen } from './ListingsScreen';
import { ProspectScreen } from './ProspectScreen';
import { ProspectsScreen } from './ProspectsScreen';

const call = vi.hoisted(() => vi.fn());
const saveDocument = vi.hoisted(() => vi.fn(async (name: string) => `/docs/${name}`));
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call, saveDocument }));

function me(permissions: Permission[]): Me {
  return { id: 1, username: 'lease', display_name: '李租赁', role: 'manager', department: 'management', languages: ['zh-CN'], locale: 'zh-CN', permissions };
}

function show(node: ReactNode, permissions: Permission[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const m = me(permissions);
  const session: Session = { me: m, can: (p) => m.permissions.includes(p), signOut: async () => {}, changeLocale: async () => {} };
  render(
    <QueryClientProvider client={client}>
      <App>
        <SessionContext.Provider value={session}>{node}</SessionContext.Provider>
      </App>
    </QueryClientProvider>,
  );
}

const page = <T,>(items: T[]) => ({ items, total: items.length, total_is_lower_bound: false, page: 1, page_size: 20 });

const LISTING: ListingRow = {
  id: 3,
  version: 1,
  unit_id: 12,
  unit_label: 'A座 1203',
  owner_id: 40,
  owner_name: '张业主',
  asking_rent: '12000.00',
  available_from: '2026-12-15',
  rooms: 2,
  area: '85.50',
  furnished: true,
  pets: false,
  parking: true,
  status: 'open',
  title: '南向两室，家具齐全',
};

const AGENCY: AgencyRow = {
  id: 2,
  version: 1,
  name: '链家中介',
  contacts: '王先生',
  phone: '13800000000',
  email: 'wang@agency.cn',
  commission_kind: 'percent_of_rent',
  commission_value: '50',
  active: true,
};

const PROSPECT: ProspectDetail = {
  row: {
    id: 7,
    version: 1,
    name: '田中 健',
    company: '',
    phone: '13900000000',
    email: 'tanaka@example.jp',
    preferred_language: 'ja',
    nationality: 'JP',
    budget_min: '8000.00',
    budget_max: '11000.00',
    rooms_min: 2,
    area_min: '70',
    move_in: '2026-12-01',
    term_months: 12,
    must_haves: ['furnished'],
    source: 'agency',
    agency_id: 2,
    agency_name: '链家中介',
    customer_id: null,
    active: true,
  },
  notes: '',
  referrals: [],
  history: [],
};

const MATCH: ListingMatch = {
  listing: LISTING,
  score: 72,
  reasons: [
    { code: 'over_budget', text: '超出预算 ¥1,000.00' },
    { code: 'available_late', text: '比入住日期晚 14 天可入住' },
  ],
};

const REFERRAL: ReferralRow = {
  id: 55,
  version: 1,
  listing_id: 3,
  listing_title: LISTING.title,
  unit_label: LISTING.unit_label,
  asking_rent: LISTING.asking_rent,
  prospect_id: 7,
  prospect_name: '田中 健',
  prospect_language: 'ja',
  agency_id: 2,
  agency_name: '链家中介',
  stage: 'referred',
  lost_reason: null,
  next_viewing: null,
  created_at: '2026-11-28T03:00:00Z',
  updated_at: '2026-11-28T03:00:00Z',
  stage_since: '2026-11-28T03:00:00Z',
};

const COMMISSION: CommissionRow = {
  id: 9,
  version: 1,
  agency_id: 2,
  agency_name: '链家中介',
  referral_id: 50,
  lease_id: 8,
  unit_label: 'B座 0801',
  tenant_name: 'John Smith',
  amount: '6000.00',
  due_on: '2026-12-31',
  paid_on: null,
  paid: null,
};

const AGENCY_DETAIL: AgencyDetail = {
  row: AGENCY,
  notes: '',
  performance: { referrals: 5, open_referrals: 2, viewings: 4, signed: 1, commission_due: '6000.00', commission_paid: '3000.00' },
  history: [],
};

const LISTING_DETAIL: ListingDetail = {
  row: LISTING,
  deposit_months: 2,
  deposit_terms: '押二付三',
  min_term_months: 12,
  notes: '',
  texts: [
    { language: 'zh-CN', title: '南向两室，家具齐全', description: '近地铁' },
    { language: 'ja', title: '南向き2LDK', description: '駅近' },
  ],
  photos: [{ id: 31, position: 1, file_name: 'living.jpg', mime: 'image/jpeg', size: 1000 }],
  referrals: [],
  history: [],
  created_at: '2026-11-20T00:00:00Z',
  updated_at: '2026-11-20T00:00:00Z',
};

const PROSPECT_MATCH: ProspectMatch = { prospect: PROSPECT.row, score: 100, reasons: [] };

let referrals: ReferralRow[] = [];

beforeAll(async () => {
  await applyLocale('zh-CN');
});
beforeEach(() => {
  referrals = [];
  call.mockReset();
  call.mockImplementation(async (name: string) => {
    switch (name) {
      case 'listing_list':
        return page([LISTING]);
      case 'unit_list':
        return page([{ id: 12, building_id: 1, building_name: 'A座', number: '1203', floor: 12, area_m2: '85.50', use_kind: 'residential', status: 'vacant', occupants: '' }]);
      case 'unit_get':
        return {
          unit: null,
          version: 1,
          occupancies: [
            { id: 1, version: 1, customer_id: 41, customer_name: '前业主', unit_id: 12, unit_label: 'A座 1203', role: 'owner', start_date: '2010-01-01', end_date: '2019-12-31', current: false },
            { id: 2, version: 1, customer_id: 40, customer_name: '张业主', unit_id: 12, unit_label: 'A座 1203', role: 'owner', start_date: '2020-01-01', end_date: null, current: true },
          ],
        };
      case 'customer_list':
        return page([]);
      case 'agency_list':
        return page([AGENCY]);
      case 'agency_get':
        return AGENCY_DETAIL;
      case 'prospect_list':
        return page([PROSPECT.row]);
      case 'prospect_create':
        return PROSPECT;
      case 'prospect_get':
        return PROSPECT;
      case 'match_for_prospect':
        return [MATCH];
      case 'referral_list':
        return page(referrals);
      case 'referral_create':
        referrals = [REFERRAL];
        return { row: REFERRAL };
      case 'commission_list':
        return page([COMMISSION]);
      case 'commission_pay':
        return { ...COMMISSION, version: 2, paid_on: '2026-11-28', paid: '6000.00' };
      case 'listing_get':
        return LISTING_DETAIL;
      case 'listing_photo_get':
        return { id: 31, file_name: 'living.jpg', mime: 'image/jpeg', content_base64: '/9j/' };
      case 'match_for_listing':
        return [PROSPECT_MATCH];
      case 'listing_sheet':
        return { file_name: 'listing-3-ja.pdf', mime: 'application/pdf', base64: 'JVBERi0=' };
      case 'listing_set_status':
        throw { code: 'validation', message: '有字段需要修改', fields: { status: 'validation.listing_not_open' } };
      case 'listing_create':
        throw { code: 'validation', message: '有字段需要修改', fields: { asking_rent: 'validation.money', 'texts.0.title': 'validation.required' } };
      default:
        throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    }
  });
});
afterEach(cleanup);

/** The form item (label, control and its messages) around a control. */
const itemOf = (testId: string) => screen.getByTestId(testId).closest('.ant-form-item')!;

describe('the leasing desk in Chinese', { timeout: 30_000 }, () => {
  it('lists listings with the rent for the locale and their status', async () => {
    show(<ListingsScreen />, ['leasing_read', 'leasing_write']);
    const row = await screen.findByTestId('listing-row-3');
    expect(row.textContent).toContain('A座 1203');
    expect(row.textContent).toContain('张业主');
    expect(row.textContent).toContain('¥12,000.00');
    expect(row.textContent).toContain('2026年12月15日');
    expect(row.textContent).toContain('发布中');
    expect(row.textContent).toContain('2 室');
    expect(call).toHaveBeenCalledWith('listing_list', { status: null, unit_id: null, owner_id: null, page: 1, page_size: 20 });
  });

  it('is read-only without the leasing write permission', async () => {
    show(<ListingsScreen />, ['leasing_read']);
    await screen.findByTestId('listing-row-3');
    expect(screen.queryByTestId('listing-new')).toBeNull();
  });

  it('marks the languages still missing in the listing editor and puts the core’s errors on their fields', async () => {
    show(<ListingsScreen />, ['leasing_read', 'leasing_write']);
    fireEvent.click(await screen.findByTestId('listing-new'));
    await screen.findByTestId('listing-form');
    for (const lang of ['zh-CN', 'en', 'ja', 'ko']) expect(screen.getByTestId(`listing-missing-${lang}`)).toBeTruthy();

    fireEvent.change(screen.getByTestId('listing-title-zh-CN'), { target: { value: '南向两室' } });
    await waitFor(() => expect(screen.queryByTestId('listing-missing-zh-CN')).toBeNull());
    expect(screen.getByTestId('listing-missing-ja')).toBeTruthy();
    expect(screen.getByTestId('listing-missing-en').title).toBe('该语言尚未填写');

    // English has a description but no title: the core numbers it texts.1 of what it got.
    fireEvent.click(screen.getByTestId('listing-tab-en'));
    fireEvent.change(screen.getByTestId('listing-description-en'), { target: { value: 'Bright two-bedroom' } });
    fireEvent.change(screen.getByTestId('listing-rent'), { target: { value: '12k' } });
    call.mockImplementationOnce(async () => {
      throw { code: 'validation', message: '有字段需要修改', fields: { asking_rent: 'validation.money', 'texts.1.title': 'validation.required' } };
    });
    fireEvent.click(screen.getByTestId('listing-save'));

    await waitFor(() => expect(itemOf('listing-rent').textContent).toContain('请输入金额，如 80 或 80.50。'));
    expect(itemOf('listing-title-en').textContent).toContain('必填。');
    expect(itemOf('listing-title-zh-CN').textContent).not.toContain('必填。');
    const [, input] = call.mock.calls.find(([name]) => name === 'listing_create')!;
    expect(input.status).toBe('draft');
    expect(input.listing.asking_rent).toBe('12k');
    expect(input.listing.texts).toEqual([
      { language: 'zh-CN', title: '南向两室', description: '' },
      { language: 'en', title: '', description: 'Bright two-bedroom' },
    ]);
  });

  it('ranks matching listings with their reasons and refers one through the agency', async () => {
    show(<ProspectScreen id={7} />, ['leasing_read', 'leasing_write']);
    const row = await screen.findByTestId('match-row-3');
    const reasons = within(row).getAllByTestId('match-reason').map((r) => r.textContent);
    expect(reasons).toEqual(['超出预算 ¥1,000.00', '比入住日期晚 14 天可入住']);
    expect(within(row).getByTestId('match-score').textContent).toBe('72');
    expect(row.textContent).toContain('¥12,000.00');
    expect(screen.queryByTestId('referral-row-55')).toBeNull();

    fireEvent.click(within(row).getByTestId('match-refer-3'));
    await screen.findByTestId('referral-form');
    // The prospect came through 链家中介: the referral goes through it unless changed.
    await waitFor(() => expect(screen.getByTestId('referral-form').textContent).toContain('链家中介'));
    fireEvent.change(screen.getByTestId('referral-note'), { target: { value: '客户周末可看房' } });
    fireEvent.click(screen.getByTestId('referral-save'));

    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('referral_create', { listing_id: 3, prospect_id: 7, agency_id: 2, note: '客户周末可看房' }),
    );
    const referral = await screen.findByTestId('referral-row-55');
    expect(referral.textContent).toContain('已推荐');
    expect(referral.textContent).toContain('A座 1203');
    expect(call).toHaveBeenCalledWith('referral_list', { stage: null, listing_id: null, prospect_id: 7, agency_id: null, page: 1, page_size: 10 });
  });

  it('refers directly when the desk chooses so', async () => {
    show(<ProspectScreen id={7} />, ['leasing_read', 'leasing_write']);
    fireEvent.click(await screen.findByTestId('match-refer-3'));
    await screen.findByTestId('referral-form');
    fireEvent.click(screen.getByTestId('referral-via-direct'));
    await waitFor(() => expect(screen.queryByTestId('referral-agency')).toBeNull());
    fireEvent.click(screen.getByTestId('referral-save'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('referral_create', { listing_id: 3, prospect_id: 7, agency_id: null, note: '' }));
  });

  it('shows an agency’s performance and records a commission payment', async () => {
    show(<AgencyScreen id={2} />, ['leasing_read', 'leasing_write']);
    const perf = await screen.findByTestId('agency-performance');
    expect(perf.textContent).toContain('推荐总数');
    expect(perf.textContent).toContain('¥6,000.00');
    expect(perf.textContent).toContain('¥3,000.00');
    const row = await screen.findByTestId('commission-row-9');
    expect(row.textContent).toContain('John Smith');
    expect(row.textContent).toContain('待支付');
    expect(row.textContent).toContain('2026年12月31日');

    fireEvent.click(within(row).getByTestId('commission-pay-9'));
    await screen.findByTestId('commission-pay-amount');
    expect((screen.getByTestId('commission-pay-amount') as HTMLInputElement).value).toBe('6000.00');
    fireEvent.click(screen.getByTestId('commission-pay-save'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('commission_pay', { id: 9, version: 1, paid_on: dayjs().format('YYYY-MM-DD'), amount: '6000.00' }),
    );
    expect(call).toHaveBeenCalledWith('commission_list', { agency_id: 2, unpaid_only: false, page: 1, page_size: 10 });
  });

  it('hides the payment action from readers', async () => {
    show(<AgencyScreen id={2} />, ['leasing_read']);
    await screen.findByTestId('commission-row-9');
    expect(screen.queryByTestId('commission-pay-9')).toBeNull();
    expect(screen.queryByTestId('agency-edit')).toBeNull();
  });

  it('shows a listing with its photos and matching prospects, prints the sheet and shows a refused status change', async () => {
    show(<ListingScreen id={3} />, ['leasing_read', 'leasing_write']);
    const facts = await screen.findByTestId('listing-facts');
    expect(facts.textContent).toContain('¥12,000.00');
    expect(facts.textContent).toContain('押二付三');
    expect(await screen.findByTestId('listing-photo-img-31')).toBeTruthy();
    const match = await screen.findByTestId('match-row-7');
    expect(match.textContent).toContain('田中 健');
    expect(within(match).getByTestId('match-reason').textContent).toBe('全部符合');
    expect(call).toHaveBeenCalledWith('referral_list', { stage: null, listing_id: 3, prospect_id: null, agency_id: null, page: 1, page_size: 10 });

    // Open → draft, reserved, withdrawn offered; never "let" (only signing lets).
    expect(screen.getByTestId('listing-status-draft')).toBeTruthy();
    expect(screen.getByTestId('listing-status-withdrawn')).toBeTruthy();
    expect(screen.queryByTestId('listing-status-let')).toBeNull();
    expect(screen.queryByTestId('listing-status-open')).toBeNull();
    fireEvent.click(screen.getByTestId('listing-status-reserved'));
    expect((await screen.findByTestId('listing-status-refused')).textContent).toBe('该房源未在发布中，不能推荐。');
    expect(call).toHaveBeenCalledWith('listing_set_status', { id: 3, version: 1, status: 'reserved' });

    fireEvent.click(screen.getByTestId('listing-sheet'));
    await waitFor(() => expect(saveDocument).toHaveBeenCalledWith('listing-3-ja.pdf', 'JVBERi0='));
    expect(call).toHaveBeenCalledWith('listing_sheet', { id: 3, language: 'zh-CN' });
    expect((await screen.findByTestId('listing-sheet-saved')).textContent).toContain('/docs/listing-3-ja.pdf');
  });

  it('registers a Japanese-speaking prospect brought by an agency', async () => {
    show(<ProspectsScreen />, ['leasing_read', 'leasing_write']);
    const row = await screen.findByTestId('prospect-row-7');
    expect(row.textContent).toContain('日语');
    expect(row.textContent).toContain('¥8,000.00 – ¥11,000.00');
    expect(row.textContent).toContain('链家中介');
    fireEvent.click(screen.getByTestId('prospect-new'));
    await screen.findByTestId('prospect-form');
    fireEvent.change(screen.getByTestId('prospect-name'), { target: { value: '佐藤 花子' } });
    fireEvent.change(screen.getByTestId('prospect-email'), { target: { value: 'sato@example.jp' } });
    fireEvent.change(screen.getByTestId('prospect-nationality'), { target: { value: 'jp' } });
    fireEvent.change(screen.getByTestId('prospect-budget-max'), { target: { value: '12000' } });
    const language = screen.getByTestId('prospect-language');
    fireEvent.mouseDown(language.querySelector('input') ?? language);
    fireEvent.click(await screen.findByTestId('prospect-language-ja'));
    fireEvent.click(screen.getByTestId('prospect-must-furnished'));
    const source = screen.getByTestId('prospect-source');
    fireEvent.mouseDown(source.querySelector('input') ?? source);
    fireEvent.click(await screen.findByTestId('prospect-source-agency'));
    const agency = await screen.findByTestId('prospect-agency');
    fireEvent.mouseDown(agency.querySelector('input') ?? agency);
    fireEvent.click(await screen.findByTestId('agency-option-2'));
    fireEvent.click(screen.getByTestId('prospect-save'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('prospect_create', {
        name: '佐藤 花子',
        company: '',
        phone: '',
        email: 'sato@example.jp',
        preferred_language: 'ja',
        nationality: 'JP',
        budget_min: null,
        budget_max: '12000',
        rooms_min: null,
        area_min: null,
        move_in: null,
        term_months: null,
        must_haves: ['furnished'],
        source: 'agency',
        agency_id: 2,
        notes: '',
        active: true,
      }),
    );
  });

  it('takes the unit’s current owner as the listing’s owner', async () => {
    show(<ListingsScreen />, ['leasing_read', 'leasing_write']);
    fireEvent.click(await screen.findByTestId('listing-new'));
    await screen.findByTestId('listing-form');
    const unit = screen.getByTestId('listing-unit');
    fireEvent.mouseDown(unit.querySelector('input') ?? unit);
    fireEvent.click(await screen.findByTestId('unit-option-12'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('unit_get', { id: 12 }));
    await waitFor(() => expect(itemOf('listing-owner').textContent).toContain('张业主'));
    call.mockImplementationOnce(async () => {
      throw { code: 'validation', message: '', fields: { texts: 'validation.required' } };
    });
    fireEvent.click(screen.getByTestId('listing-save'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('listing_create', expect.objectContaining({ listing: expect.objectContaining({ unit_id: 12, owner_id: 40 }) })));
    // No text at all: the core's reason shows above the form.
    expect((await screen.findByTestId('form-error')).textContent).toContain('必填。');
  });
});
