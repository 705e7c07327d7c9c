import { useState } from 'react';
import { Button, Card, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { UnitRow, UnitStatus, UnitUse } from '../../lib/backend';
import { ExportButton } from '../../shared/ExportButton';
import { useCommand, usePagedList, type PagedFilters } from '../../shared/hooks';
import { enumOptions, STATUS_COLORS, UNIT_STATUSES, UNIT_USES } from '../../shared/options';
import { formatArea } from '../../shared/format';
import { UnitDrawer } from './UnitDrawer';
import { ImportWizard } from './ImportWizard';
import { useSession } from '../../shared/session';
import { navigate } from '../../shared/routes';

type Filters = PagedFilters<'unit_list'>;

/** The unit list; `openId` is the unit whose drawer is open (the route `units/:id`). */
export function UnitsScreen({ openId }: { openId: number | null }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const [importing, setImporting] = useState(false);
  const [query, setQuery] = useState<Filters>({
    building_id: null,
    floor: null,
    use_kind: null,
    status: null,
    search: null,
  });
  const buildings = useCommand('building_list', null);
  const units = usePagedList('unit_list', query, { showSizeChanger: true });
  const filter = (change: Partial<Filters>) => setQuery((q) => ({ ...q, ...change }));

  return (
    <Card
      title={t('units.title')}
      data-testid="units-screen"
      extra={
        <Space>
          <ExportButton target={{ list: 'units', query: units.input }} testId="units-export" />
          {can('directory_import') && (
            <Button icon={<ImportOutlined />} data-testid="units-import" onClick={() => setImporting(true)}>
              {t('import.open')}
            </Button>
          )}
        </Space>
      }
    >
      <ImportWizard open={importing} initialKind="units" onClose={() => setImporting(false)} />
      <div className="steward-toolbar">
        <Select
          data-testid="units-building"
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('units.building')}
          loading={buildings.isPending}
          value={query.building_id ?? undefined}
          onChange={(value?: number) => filter({ building_id: value ?? null })}
          options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
        />
        <InputNumber
          data-testid="units-floor"
          style={{ width: 120 }}
          placeholder={t('units.floor')}
          value={query.floor}
          onChange={(value) => filter({ floor: typeof value === 'number' ? value : null })}
        />
        <Select
          data-testid="units-use"
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('units.use')}
          value={query.use_kind ?? undefined}
          onChange={(value?: UnitUse) => filter({ use_kind: value ?? null })}
          options={enumOptions(t, 'unit_use', UNIT_USES)}
        />
        <Select
          data-testid="units-status"
          allowClear
          style={{ minWidth: 150 }}
          placeholder={t('units.status')}
          value={query.status ?? undefined}
          onChange={(value?: UnitStatus) => filter({ status: value ?? null })}
          options={enumOptions(t, 'unit_status', UNIT_STATUSES)}
        />
        <Input.Search
          data-testid="units-search"
          allowClear
          style={{ width: 260 }}
          placeholder={t('units.search_placeholder')}
          onSearch={(value) => filter({ search: value.trim() || null })}
        />
      </div>
      <div data-testid="units-table">
        <Table<UnitRow>
          className="steward-clickable-rows"
          rowKey="id"
          size="middle"
          {...units.tableProps}
          onRow={(row) => ({ onClick: () => navigate({ name: 'unit', params: { id: row.id } }) })}
          columns={[
            { key: 'building', title: t('units.building'), dataIndex: 'building_name' },
            { key: 'number', title: t('units.number'), dataIndex: 'number' },
            { key: 'floor', title: t('units.floor'), dataIndex: 'floor', align: 'right' },
            {
              key: 'area',
              title: t('units.area'),
              align: 'right',
              render: (_, row) => formatArea(row.area_m2, i18n.language),
            },
            { key: 'use', title: t('units.use'), render: (_, row) => t(`enum.unit_use.${row.use_kind}`) },
            {
              key: 'status',
              title: t('units.status'),
              render: (_, row) => <Tag color={STATUS_COLORS[row.status]}>{t(`enum.unit_status.${row.status}`)}</Tag>,
            },
            {
              key: 'occupants',
              title: t('units.occupants'),
              render: (_, row) => row.occupants || <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
            },
          ]}
        />
      </div>
      <UnitDrawer id={openId} onClose={() => navigate({ name: 'units' })} />
    </Card>
  );
}
