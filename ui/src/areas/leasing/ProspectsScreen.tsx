import { useState } from 'react';
import { Button, Card, Input, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { VOCABULARIES, type ListingFeature, type ProspectRow, type ProspectSource } from '../../lib/backend';
import { formatDate } from '../../shared/format';
import { usePagedList } from '../../shared/hooks';
import { enumOptions } from '../../shared/options';
import { navigate } from '../../shared/routes';
import { RouteLink } from '../../shared/RouteLink';
import { useSession } from '../../shared/session';
import { useBudget } from './common';
import { ProspectEditor } from './ProspectEditor';

/** People and companies looking to rent: their language, budget, move-in date and source. */
export function ProspectsScreen() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const budget = useBudget();
  const write = can('leasing_write');
  const [search, setSearch] = useState('');
  const [source, setSource] = useState<ProspectSource | null>(null);
  const [inactive, setInactive] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = usePagedList('prospect_list', { search: search.trim() || null, source, agency_id: null, include_inactive: inactive });

  return (
    <Card
      title={t('nav.prospects')}
      data-testid="prospects-screen"
      extra={
        write ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="prospect-new">
            {t('leasing.prospect.new')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('leasing.prospect.search')} onSearch={setSearch} style={{ width: 240 }} data-testid="prospects-search" />
        <Select<ProspectSource>
          allowClear
          style={{ width: 160 }}
          placeholder={t('leasing.prospect.all_sources')}
          value={source ?? undefined}
          onChange={(v) => setSource(v ?? null)}
          options={enumOptions(t, 'prospect_source', VOCABULARIES.prospect_source)}
          data-testid="prospects-source"
        />
        <Switch checked={inactive} onChange={setInactive} data-testid="prospects-inactive" />
        {t('leasing.prospect.show_inactive')}
      </Space>
      <Table<ProspectRow>
        rowKey="id"
        className="steward-head-nowrap"
        {...list.tableProps}
        onRow={(row) => ({ 'data-testid': `prospect-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('leasing.prospect.name'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <RouteLink to={{ name: 'prospect', params: { id: row.id } }} testId={`prospect-open-${row.id}`}>
                {name}
                {row.company ? ` (${row.company})` : ''}
              </RouteLink>
            ),
          },
          { title: t('leasing.prospect.language'), dataIndex: 'preferred_language', render: (l: string) => t(`language.${l}`) },
          { title: t('leasing.prospect.nationality'), dataIndex: 'nationality', render: (n: string | null) => n ?? '—' },
          { title: t('leasing.prospect.budget'), key: 'budget', render: (_, row) => budget(row.budget_min, row.budget_max) },
          { title: t('leasing.prospect.move_in'), dataIndex: 'move_in', render: (d: string | null) => (d ? formatDate(d, i18n.language) : '—') },
          {
            title: t('leasing.prospect.must_haves'),
            dataIndex: 'must_haves',
            render: (fs: ListingFeature[]) => fs.map((f) => <Tag key={f}>{t(`enum.listing_feature.${f}`)}</Tag>),
          },
          {
            title: t('leasing.prospect.source'),
            key: 'source',
            render: (_, row) => (row.source === 'agency' && row.agency_name ? row.agency_name : t(`enum.prospect_source.${row.source}`)),
          },
          {
            title: t('leasing.prospect.status'),
            key: 'status',
            render: (_, row) =>
              row.customer_id ? (
                <Tag color="green">{t('leasing.prospect.tenant')}</Tag>
              ) : row.active ? (
                <Tag color="blue">{t('leasing.prospect.active')}</Tag>
              ) : (
                <Tag>{t('leasing.prospect.inactive')}</Tag>
              ),
          },
        ]}
      />
      {creating ? (
        <ProspectEditor
          detail={null}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate({ name: 'prospect', params: { id } });
          }}
        />
      ) : null}
    </Card>
  );
}
