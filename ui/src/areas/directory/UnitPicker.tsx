import { useDeferredValue, useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../shared/hooks';

type Props = { value?: number; onChange?: (value: number) => void };

/** A Select that searches units on the server as the user types. */
export function UnitPicker({ value, onChange }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = useDeferredValue(text.trim());
  const units = useCommand(
    'unit_list',
    { building_id: null, floor: null, use_kind: null, status: null, search: search || null, page: 1, page_size: 30 },
    { placeholderData: keepPreviousData },
  );
  return (
    <Select
      data-testid="unit-picker"
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={onChange}
      loading={units.isFetching}
      placeholder={t('occupancy.unit_search')}
      notFoundContent={t('common.no_results')}
      options={(units.data?.items ?? []).map((unit) => ({
        value: unit.id,
        label: `${unit.building_name} ${unit.number}`,
      }))}
    />
  );
}
