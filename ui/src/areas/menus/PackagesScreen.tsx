import { useState } from 'react';
import { App, Button, Card, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/backend';
import type { PackageRow } from '../../lib/backend';
import { useErrorToast } from '../../shared/errors';
import { formatDate } from '../../shared/format';
import { useCommandCache, usePagedList } from '../../shared/hooks';
import { navigate } from '../../shared/routes';
import { RouteLink } from '../../shared/RouteLink';
import { useSession } from '../../shared/session';
import { PackageEditor } from './PackageEditor';

/** Every customer's service package: who, which services, the next visit. */
export function PackagesScreen() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const cache = useCommandCache();
  const write = can('package_write');
  const [search, setSearch] = useState('');
  const [stopped, setStopped] = useState(false);
  const [creating, setCreating] = useState(false);
  const [running, setRunning] = useState(false);
  const list = usePagedList('package_list', { search: search.trim() || null, customer_id: null, include_inactive: stopped });

  const runSchedule = async () => {
    setRunning(true);
    try {
      const report = await call('package_schedule_run', { package_id: null });
      void message.success(t('menus.package.schedule_done', { created: report.created, dispatched: report.dispatched, cancelled: report.cancelled }));
      await cache.invalidate('package_list');
      await cache.invalidate('package_get');
    } catch (e) {
      toast(e);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card
      title={t('nav.packages')}
      data-testid="packages-screen"
      extra={
        write ? (
          <Space>
            <Button icon={<ScheduleOutlined />} loading={running} onClick={() => void runSchedule()} data-testid="packages-run-schedule">
              {t('menus.package.run_schedule')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="packages-new">
              {t('menus.package.new')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('menus.package.search')} onSearch={setSearch} style={{ width: 240 }} data-testid="packages-search" />
        <Switch checked={stopped} onChange={setStopped} data-testid="packages-stopped" />
        {t('menus.package.show_stopped')}
      </Space>
      <Table<PackageRow>
        rowKey="id"
        {...list.tableProps}
        onRow={(row) => ({ 'data-testid': `package-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('menus.package.customer'),
            dataIndex: 'customer_name',
            render: (name: string, row) => (
              <RouteLink to={{ name: 'package', params: { id: row.id } }} testId={`package-open-${row.id}`}>
                {name}
              </RouteLink>
            ),
          },
          { title: t('menus.package.unit'), dataIndex: 'unit_label', render: (u: string | null) => u ?? '—' },
          {
            title: t('menus.package.services'),
            dataIndex: 'services',
            render: (names: string[]) => names.map((n) => <Tag key={n}>{n}</Tag>),
          },
          {
            title: t('menus.package.period'),
            key: 'period',
            render: (_, row) => `${formatDate(row.starts_on, i18n.language)} – ${row.ends_on ? formatDate(row.ends_on, i18n.language) : ''}`,
          },
          {
            title: t('menus.package.next_visit'),
            dataIndex: 'next_visit',
            render: (d: string | null) => (d ? formatDate(d, i18n.language) : <Typography.Text type="secondary">—</Typography.Text>),
          },
          {
            title: t('menus.package.status'),
            dataIndex: 'active',
            render: (active: boolean) => <Tag color={active ? 'green' : 'default'}>{active ? t('menus.package.active') : t('menus.package.stopped')}</Tag>,
          },
        ]}
      />
      {creating ? (
        <PackageEditor
          detail={null}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate({ name: 'package', params: { id } });
          }}
        />
      ) : null}
    </Card>
  );
}
