import { useState } from 'react';
import { Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListingStatus, MatchReasonView, ReferralQuery, ReferralRow, ReferralStage } from '../../lib/backend';
import { formatDate, formatMoney } from '../../shared/format';
import { useCommand, usePagedList } from '../../shared/hooks';
import { RouteLink } from '../../shared/RouteLink';
import { useOfficeCurrency } from './useLeasingMoney';

/** A decimal money string ("12000.00") in the office's currency, formatted for the locale; blank stays a dash. */
export function useMoney(): (value: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const currency = useOfficeCurrency();
  return (value) => (value === null || value === undefined || value === '' ? '—' : formatMoney(value, currency, i18n.language));
}

/** A budget range; an open end is left out ("– 15,000.00", not "— – 15,000.00"), the dash kept with its amount (a no-break space alone may break after a dash). */
export function useBudget(): (min: string | null | undefined, max: string | null | undefined) => string {
  const money = useMoney();
  return (min, max) => {
    const [low, high] = [min ? money(min) : '', max ? money(max) : ''];
    if (low && high) return `${low} – ${high}`;
    if (low) return `${low}\u00a0\u2060–`;
    if (high) return `–\u2060\u00a0${high}`;
    return '—';
  };
}

export const LISTING_STATUS_COLORS: Record<ListingStatus, string> = {
  draft: 'default',
  open: 'green',
  reserved: 'gold',
  let: 'blue',
  withdrawn: 'red',
};

export const REFERRAL_STAGE_COLORS: Record<ReferralStage, string> = {
  referred: 'blue',
  viewing_scheduled: 'cyan',
  viewed: 'geekblue',
  offer: 'gold',
  signed: 'green',
  withdrawn: 'default',
  lost: 'red',
};

export function ListingStatusTag({ status }: { status: ListingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={LISTING_STATUS_COLORS[status]} data-testid="listing-status">
      {t(`enum.listing_status.${status}`)}
    </Tag>
  );
}

/** The status changes staff may make by hand (the core's rules; "let" comes only from signing). */
export function statusChangeAllowed(from: ListingStatus, to: ListingStatus): boolean {
  if (from === to || to === 'let' || from === 'let') return false;
  return !(from === 'draft' && to === 'reserved');
}

/** Why a listing or prospect does not fit, as tags; a full fit says so. */
export function MatchReasons({ reasons }: { reasons: MatchReasonView[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) {
    return (
      <Tag color="green" data-testid="match-reason">
        {t('leasing.match.fits')}
      </Tag>
    );
  }
  return (
    <>
      {reasons.map((r) => (
        <Tag key={r.code} color="orange" data-testid="match-reason" title={t(`enum.match_reason.${r.code}`)}>
          {r.text || t(`enum.match_reason.${r.code}`)}
        </Tag>
      ))}
    </>
  );
}

/** The score of a match, 0–100, as a coloured tag. */
export function ScoreTag({ score }: { score: number }) {
  const color = score >= 80 ? 'green' : score >= 50 ? 'gold' : 'default';
  return (
    <Tag color={color} data-testid="match-score">
      {score}
    </Tag>
  );
}

type ReferralFilter = Pick<ReferralQuery, 'listing_id' | 'prospect_id' | 'agency_id'>;

/** A read-only list of referrals (of a listing, a prospect or an agency) with their stage. */
export function ReferralList({ filter, show }: { filter: ReferralFilter; show: 'listing' | 'prospect' }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const list = usePagedList('referral_list', { stage: null, ...filter }, { pageSize: 10 });
  return (
    <Table<ReferralRow>
      rowKey="id"
      className="steward-head-nowrap"
      size="small"
      {...list.tableProps}
      data-testid="referral-list"
      locale={{ emptyText: t('leasing.match.no_referrals') }}
      onRow={(row) => ({ 'data-testid': `referral-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        show === 'listing'
          ? {
              title: t('leasing.match.listing'),
              key: 'listing',
              render: (_, row) => (
                <RouteLink to={{ name: 'listing', params: { id: row.listing_id } }}>
                  {row.unit_label} · {row.listing_title}
                </RouteLink>
              ),
            }
          : {
              title: t('leasing.match.prospect'),
              key: 'prospect',
              render: (_, row) => <RouteLink to={{ name: 'prospect', params: { id: row.prospect_id } }}>{row.prospect_name}</RouteLink>,
            },
        { title: t('leasing.match.asking_rent'), dataIndex: 'asking_rent', align: 'right', render: (v: string) => money(v) },
        {
          title: t('leasing.match.agency'),
          dataIndex: 'agency_name',
          render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('leasing.match.direct')}</Typography.Text>,
        },
        {
          title: t('leasing.match.stage'),
          dataIndex: 'stage',
          render: (stage: ReferralStage, row) => (
            <>
              <Tag color={REFERRAL_STAGE_COLORS[stage]} data-testid={`referral-stage-${row.id}`}>
                {t(`enum.referral_stage.${stage}`)}
              </Tag>
              {row.lost_reason ? <Typography.Text type="secondary">{row.lost_reason}</Typography.Text> : null}
            </>
          ),
        },
        { title: t('leasing.match.referred_on'), dataIndex: 'created_at', render: (d: string) => formatDate(d, i18n.language) },
      ]}
    />
  );
}

type Option = { value: number; label: string };

/** A unit picked by searching the unit list ("A座 12…"). */
export function UnitSelect({
  value,
  onChange,
  known,
  testId,
  width = 220,
  allowClear,
}: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  known?: Option | null;
  testId?: string;
  width?: number;
  allowClear?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const units = useCommand('unit_list', { building_id: null, floor: null, use_kind: null, status: null, search: search.trim() || null, page: 1, page_size: 20 });
  const options: Option[] = (units.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.building_name} ${u.number}` }));
  if (known && !options.some((o) => o.value === known.value)) options.unshift(known);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={t('leasing.listing.unit_search')}
      style={{ width }}
      options={options.map((o) => ({ ...o, 'data-testid': `unit-option-${o.value}` }))}
      data-testid={testId}
    />
  );
}

/** A customer picked by searching the customer list. */
export function CustomerSelect({
  value,
  onChange,
  known,
  testId,
  width = 220,
  allowClear,
  placeholder,
}: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  known?: Option | null;
  testId?: string;
  width?: number;
  allowClear?: boolean;
  placeholder?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const customers = useCommand(
    'customer_list',
    { search: search.trim() || null, kind: null, language: null, vip: null, page: 1, page_size: 20 },
    { enabled: search.trim().length > 0 },
  );
  const options: Option[] = (customers.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  if (known && !options.some((o) => o.value === known.value)) options.unshift(known);
  return (
    <Select<number>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear={allowClear}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('leasing.listing.owner_search')}
      style={{ width }}
      options={options.map((o) => ({ ...o, 'data-testid': `customer-option-${o.value}` }))}
      data-testid={testId}
    />
  );
}

/** The active partner agencies, for a select. */
export function useAgencyOptions(enabled = true) {
  const agencies = useCommand('agency_list', { search: null, include_inactive: false, page: 1, page_size: 200 }, { enabled });
  return (agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name, 'data-testid': `agency-option-${a.id}` }));
}

/** The message of a refusal: the core's field reason when it gave one, else its translated message. */
export function refusalText(error: { code: string; message?: string; fields?: Record<string, string> | null }, t: (key: string) => string): string {
  const field = error.fields ? Object.values(error.fields)[0] : undefined;
  if (field) return t(String(field));
  return error.message || t(`error.${error.code}`);
}
