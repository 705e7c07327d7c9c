import { useDeferredValue, useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { ImportOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CustomerKind, CustomerRow } from '../../lib/backend';
import { useCommandCache, usePagedList } from '../../shared/hooks';
import { CUSTOMER_KINDS, enumOptions, languageOptions } from '../../shared/options';
import { ExportButton } from '../../shared/ExportButton';
import { useSession } from '../../shared/session';
import { navigate } from '../../shared/routes';
import { CustomerForm } from './CustomerForm';
import { ImportWizard } from './ImportWizard';

type Filters = { kind: CustomerKind | null; language: string | null; vip: boolean | null };

export function CustomersScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const cache = useCommandCache();
  const [text, setText] = useState('');
  const search = useDeferredValue(text.trim());
  const [filters, setFilters] = useState<Filters>({ kind: null, language: null, vip: null });
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const customers = usePagedList('customer_list', { search: search || null, ...filters }, { showSizeChanger: true });
  const filter = (change: Partial<Filters>) => setFilters((f) => ({ ...f, ...change }));

  return (
    <Card
      title={t('customers.title')}
      data-testid="customers-screen"
      extra={
        <Space>
          <ExportButton target={{ list: 'customers', query: customers.input }} testId="customers-export" />
          {can('directory_import') && (
            <Button icon={<ImportOutlined />} data-testid="customers-import" onClick={() => setImporting(true)}>
              {t('import.open')}
            </Button>
          )}
          {can('customer_write') && (
            <Button type="primary" icon={<PlusOutlined />} data-testid="customer-new" onClick={() => setCreating(true)}>
              {t('customers.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Input
        size="large"
        allowClear
        autoFocus
        data-testid="customer-search"
        prefix={<SearchOutlined />}
        placeholder={t('customers.search_placeholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        style={{ marginBottom: 16 }}
      />
      <div className="steward-toolbar">
        <Select
          data-testid="customers-kind"
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('customer.field.kind')}
          value={filters.kind ?? undefined}
          onChange={(value?: CustomerKind) => filter({ kind: value ?? null })}
          options={enumOptions(t, 'customer_kind', CUSTOMER_KINDS)}
        />
        <Select
          data-testid="customers-language"
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('customer.field.preferred_language')}
          value={filters.language ?? undefined}
          onChange={(value?: string) => filter({ language: value ?? null })}
          options={languageOptions(t)}
        />
        <Select
          data-testid="customers-vip"
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('customer.field.vip')}
          value={filters.vip === null ? undefined : filters.vip ? 'yes' : 'no'}
          onChange={(value?: string) => filter({ vip: value === undefined ? null : value === 'yes' })}
          options={[
            { value: 'yes', label: t('customers.vip_only') },
            { value: 'no', label: t('customers.not_vip') },
          ]}
        />
      </div>
      <div data-testid="customer-table">
        <Table<CustomerRow>
          className="steward-clickable-rows"
          rowKey="id"
          size="middle"
          {...customers.tableProps}
          onRow={(row) => ({ onClick: () => navigate({ name: 'customer', params: { id: row.id } }) })}
          columns={[
            {
              key: 'name',
              title: t('customer.field.name'),
              render: (_, row) => (
                <Space size={6} wrap>
                  <Typography.Text strong data-testid="customer-row-name">
                    {row.name}
                  </Typography.Text>
                  {row.name_latin && <Typography.Text type="secondary">{row.name_latin}</Typography.Text>}
                  {row.vip && <Tag color="gold">{t('customer.vip')}</Tag>}
                  {row.kind === 'company' && <Tag>{t('enum.customer_kind.company')}</Tag>}
                </Space>
              ),
            },
            { key: 'phone', title: t('customers.phone'), render: (_, row) => row.phone_masked ?? '' },
            {
              key: 'language',
              title: t('customer.field.preferred_language'),
              render: (_, row) => t(`language.${row.preferred_language}`, { defaultValue: row.preferred_language }),
            },
            { key: 'units', title: t('customers.units'), dataIndex: 'units' },
          ]}
        />
      </div>
      <ImportWizard open={importing} initialKind="customers" onClose={() => setImporting(false)} />
      <CustomerForm
        open={creating}
        customer={null}
        onCancel={() => setCreating(false)}
        onSaved={(detail) => {
          setCreating(false);
          void cache.invalidate('customer_list');
          navigate({ name: 'customer', params: { id: detail.id } });
        }}
      />
    </Card>
  );
}
