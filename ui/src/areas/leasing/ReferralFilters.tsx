import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../shared/hooks';

const PICK_SIZE = 100;

type PickerProps = { value: number | null; onChange: (value: number | null) => void; testId: string };

/** A filter by agency (the first hundred, active or not). */
export function AgencyFilter({ value, onChange, testId }: PickerProps) {
  const { t } = useTranslation();
  const agencies = useCommand('agency_list', { search: null, include_inactive: true, page: 1, page_size: PICK_SIZE });
  return (
    <Select<number>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 180 }}
      placeholder={t('leasing.referral.filter_agency')}
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      loading={agencies.isLoading}
      data-testid={testId}
      options={(agencies.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
    />
  );
}

/** A filter by listing (unit and title). */
export function ListingFilter({ value, onChange, testId }: PickerProps) {
  const { t } = useTranslation();
  const listings = useCommand('listing_list', { status: null, unit_id: null, owner_id: null, page: 1, page_size: PICK_SIZE });
  return (
    <Select<number>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 220 }}
      placeholder={t('leasing.referral.filter_listing')}
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      loading={listings.isLoading}
      data-testid={testId}
      options={(listings.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.unit_label} · ${l.title}` }))}
    />
  );
}

/** A filter by prospect. */
export function ProspectFilter({ value, onChange, testId }: PickerProps) {
  const { t } = useTranslation();
  const prospects = useCommand('prospect_list', {
    search: null,
    source: null,
    agency_id: null,
    include_inactive: true,
    page: 1,
    page_size: PICK_SIZE,
  });
  return (
    <Select<number>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 180 }}
      placeholder={t('leasing.referral.filter_prospect')}
      value={value ?? undefined}
      onChange={(v) => onChange(v ?? null)}
      loading={prospects.isLoading}
      data-testid={testId}
      options={(prospects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
    />
  );
}
