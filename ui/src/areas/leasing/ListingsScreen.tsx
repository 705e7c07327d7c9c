import { useState } from 'react';
import { Button, Card, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { VOCABULARIES, type ListingRow, type ListingStatus } from '../../lib/backend';
import { formatArea, formatDate } from '../../shared/format';
import { usePagedList } from '../../shared/hooks';
import { enumOptions } from '../../shared/options';
import { navigate } from '../../shared/routes';
import { RouteLink } from '../../shared/RouteLink';
import { useSession } from '../../shared/session';
import { CustomerSelect, ListingStatusTag, UnitSelect, useMoney } from './common';
import { ListingEditor } from './ListingEditor';

/** The units owners list for rent: rent, date, status; filtered by status and unit. */
export function ListingsScreen() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const money = useMoney();
  const write = can('leasing_write');
  const [status, setStatus] = useState<ListingStatus | null>(null);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [ownerId, setOwnerId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const list = usePagedList('listing_list', { status, unit_id: unitId, owner_id: ownerId });

  return (
    <Card
      title={t('nav.listings')}
      data-testid="listings-screen"
      extra={
        write ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="listing-new">
            {t('leasing.listing.new')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<ListingStatus>
          allowClear
          style={{ width: 160 }}
          placeholder={t('leasing.listing.all_statuses')}
          value={status ?? undefined}
          onChange={(v) => setStatus(v ?? null)}
          options={enumOptions(t, 'listing_status', VOCABULARIES.listing_status, 'listing-status-option')}
          data-testid="listings-status"
        />
        <UnitSelect allowClear value={unitId} onChange={setUnitId} testId="listings-unit" />
        <CustomerSelect allowClear value={ownerId} onChange={setOwnerId} placeholder={t('leasing.listing.owner_filter')} testId="listings-owner" />
      </Space>
      <Table<ListingRow>
        rowKey="id"
        className="steward-head-nowrap"
        {...list.tableProps}
        onRow={(row) => ({ 'data-testid': `listing-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('leasing.listing.unit'),
            dataIndex: 'unit_label',
            className: 'steward-nowrap',
            render: (label: string, row) => (
              <RouteLink to={{ name: 'listing', params: { id: row.id } }} testId={`listing-open-${row.id}`}>
                {label}
              </RouteLink>
            ),
          },
          { title: t('leasing.listing.text_title'), dataIndex: 'title' },
          { title: t('leasing.listing.owner'), dataIndex: 'owner_name' },
          {
            title: t('leasing.listing.size'),
            key: 'size',
            render: (_, row) => `${t('leasing.listing.rooms_count', { rooms: row.rooms })} · ${formatArea(row.area, i18n.language)}`,
          },
          { title: t('leasing.listing.asking_rent'), dataIndex: 'asking_rent', align: 'right', render: (v: string) => money(v) },
          { title: t('leasing.listing.available_from'), dataIndex: 'available_from', render: (d: string) => formatDate(d, i18n.language) },
          {
            title: t('leasing.listing.features'),
            key: 'features',
            render: (_, row) =>
              (['furnished', 'pets', 'parking'] as const).filter((f) => row[f]).map((f) => <Tag key={f}>{t(`enum.listing_feature.${f}`)}</Tag>),
          },
          { title: t('leasing.listing.status'), dataIndex: 'status', render: (s: ListingStatus) => <ListingStatusTag status={s} /> },
        ]}
      />
      {creating ? (
        <ListingEditor
          detail={null}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate({ name: 'listing', params: { id } });
          }}
        />
      ) : null}
    </Card>
  );
}
