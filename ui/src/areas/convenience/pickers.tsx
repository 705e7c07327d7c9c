import { useDeferredValue, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../shared/hooks';

type UnitProps = {
  value?: number | null;
  onChange?: (value: number | null) => void;
  testId: string;
  allowClear?: boolean;
  width?: number;
  /** The chosen unit's label, when it may not be among the units loaded (chosen elsewhere). */
  label?: string | null;
};

/** A Select that searches units on the server as the user types ("A-1203", "1203"). */
export function UnitPicker({ value, onChange, testId, allowClear, width, label }: UnitProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = useDeferredValue(text.trim());
  const units = useCommand(
    'unit_list',
    { building_id: null, floor: null, use_kind: null, status: null, search: search || null, page: 1, page_size: 30 },
    { placeholderData: keepPreviousData },
  );
  return (
    <Select<number>
      data-testid={testId}
      style={{ width: width ?? 220 }}
      allowClear={allowClear}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      loading={units.isFetching}
      placeholder={t('convenience.unit_search')}
      notFoundContent={t('common.no_results')}
      options={withChosen(
        (units.data?.items ?? []).map((unit) => ({ value: unit.id, label: `${unit.building_name} ${unit.number}` })),
        value,
        label,
      )}
    />
  );
}

/** The loaded units, plus the chosen one when it is not among them. */
function withChosen(options: { value: number; label: string }[], value: number | null | undefined, label: string | null | undefined) {
  if (value == null || !label || options.some((o) => o.value === value)) return options;
  return [{ value, label }, ...options];
}

type CustomerProps = {
  unitId: number | null;
  value?: number | null;
  onChange?: (value: number | null, name: string | null) => void;
  testId: string;
};

/** The unit's current customers (owner, tenant, occupant), to name who an item is for. */
export function OccupantPicker({ unitId, value, onChange, testId }: CustomerProps) {
  const { t } = useTranslation();
  const unit = useCommand('unit_get', { id: unitId ?? 0 }, { enabled: unitId !== null });
  const occupants = (unit.data?.occupancies ?? []).filter((o) => o.current);
  return (
    <Select<number>
      data-testid={testId}
      style={{ width: 220 }}
      allowClear
      disabled={unitId === null}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null, occupants.find((o) => o.customer_id === v)?.customer_name ?? null)}
      notFoundContent={t('common.no_results')}
      options={occupants.map((o) => ({
        value: o.customer_id,
        label: `${o.customer_name} · ${t(`enum.occupancy_role.${o.role}`)}`,
        'data-testid': `${testId}-${o.customer_id}`,
      }))}
    />
  );
}
