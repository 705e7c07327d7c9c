import { useEffect, useState, type ReactNode, type Ref } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { AutoComplete, Input, Space, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CustomerRow } from '../../lib/backend';
import { useCommand } from '../../shared/hooks';

/** A value that follows `value` after it has stayed the same for `delay` ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

type Props = {
  value: CustomerRow | null;
  onChange: (customer: CustomerRow | null) => void;
  id?: string;
  ref?: Ref<{ focus: () => void }>;
  /** Debounce of the search, in ms. */
  delay?: number;
};

/**
 * Finds a customer as the user types: unit number, name in any script, phone digits or
 * pinyin (the core's `customer_list` search). The first match is active, so Enter picks it;
 * the arrow keys choose another.
 */
export function CustomerFinder({ value, onChange, id, ref, delay = 200 }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(value?.name ?? '');
  const search = useDebounced(text.trim(), delay);
  const typing = text.trim() !== search;
  const customers = useCommand(
    'customer_list',
    { search, kind: null, language: null, vip: null, page: 1, page_size: 8 },
    { enabled: search.length > 0 && value === null, placeholderData: keepPreviousData },
  );
  const rows = search && value === null && !typing ? (customers.data?.items ?? []) : [];

  return (
    <AutoComplete<string>
      id={id}
      ref={ref as Ref<never>}
      value={text}
      showSearch={{
        filterOption: false,
        onSearch: (next) => {
          setText(next);
          if (value) onChange(null);
        },
      }}
      onSelect={(selected) => {
        const customer = rows.find((row) => String(row.id) === selected) ?? null;
        setText(customer?.name ?? '');
        onChange(customer);
      }}
      defaultActiveFirstOption
      virtual={false}
      style={{ width: '100%' }}
      data-testid="customer-finder"
      notFoundContent={
        search && !value ? (customers.isFetching || typing ? t('desk.intake.searching') : t('common.no_results')) : null
      }
      options={rows.map((row) => ({
        value: String(row.id),
        label: <CustomerOption row={row} />,
      }))}
    >
      <Input
        prefix={<SearchOutlined />}
        placeholder={t('desk.intake.customer_placeholder')}
        data-testid="customer-finder-input"
        allowClear
      />
    </AutoComplete>
  );
}

function CustomerOption({ row }: { row: CustomerRow }): ReactNode {
  return (
    <Space size={8} data-testid={`customer-option-${row.id}`}>
      <Typography.Text strong>{row.name}</Typography.Text>
      {row.name_latin ? <Typography.Text type="secondary">{row.name_latin}</Typography.Text> : null}
      <Typography.Text>{row.units}</Typography.Text>
      {row.phone_masked ? <Typography.Text type="secondary">{row.phone_masked}</Typography.Text> : null}
    </Space>
  );
}
