import { useState } from 'react';
import { Button, Card, Input, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AgencyRow } from '../../lib/backend';
import { usePagedList } from '../../shared/hooks';
import { navigate } from '../../shared/routes';
import { RouteLink } from '../../shared/RouteLink';
import { useSession } from '../../shared/session';
import { AgencyEditor } from './AgencyEditor';
import { useCommissionTerms } from './AgencyScreen';

/** The partner agencies (中介机构) the desk refers listings through, with their commission terms. */
export function AgenciesScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const terms = useCommissionTerms();
  const write = can('leasing_write');
  const [search, setSearch] = useState('');
  const [inactive, setInactive] = useState(false);
  const [creating, setCreating] = useState(false);
  const list = usePagedList('agency_list', { search: search.trim() || null, include_inactive: inactive });
  return (
    <Card
      title={t('nav.agencies')}
      data-testid="agencies-screen"
      extra={
        write ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="agency-new">
            {t('leasing.agency.new')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('leasing.agency.search')} onSearch={setSearch} style={{ width: 240 }} data-testid="agencies-search" />
        <Switch checked={inactive} onChange={setInactive} data-testid="agencies-inactive" />
        {t('leasing.agency.show_inactive')}
      </Space>
      <Table<AgencyRow>
        rowKey="id"
        {...list.tableProps}
        onRow={(row) => ({ 'data-testid': `agency-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('leasing.agency.name'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <RouteLink to={{ name: 'agency', params: { id: row.id } }} testId={`agency-open-${row.id}`}>
                {name}
              </RouteLink>
            ),
          },
          { title: t('leasing.agency.contacts'), dataIndex: 'contacts' },
          { title: t('leasing.agency.phone'), dataIndex: 'phone' },
          { title: t('leasing.agency.email'), dataIndex: 'email' },
          { title: t('leasing.agency.commission'), key: 'commission', render: (_, row) => terms(row) },
          {
            title: t('leasing.agency.status'),
            dataIndex: 'active',
            render: (active: boolean) => <Tag color={active ? 'green' : 'default'}>{active ? t('leasing.agency.active') : t('leasing.agency.inactive')}</Tag>,
          },
        ]}
      />
      {creating ? (
        <AgencyEditor
          detail={null}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate({ name: 'agency', params: { id } });
          }}
        />
      ) : null}
    </Card>
  );
}
