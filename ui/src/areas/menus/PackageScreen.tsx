import { useState } from 'react';
import { App, Button, Card, Collapse, DatePicker, Descriptions, Empty, Form, Input, List, Modal, Popconfirm, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { CalendarOutlined, EditOutlined, PauseCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/backend';
import type { PackageDetail, PackageItemView, VisitStatus, VisitView, WorkOrderStatus } from '../../lib/backend';
import { FormError, useErrorToast } from '../../shared/errors';
import { formatDate, formatDateTime } from '../../shared/format';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import { RouteLink } from '../../shared/RouteLink';
import { useSession } from '../../shared/session';
import { PackageEditor } from './PackageEditor';
import { describeRule } from './recurrence';

const VISIT_COLOR: Record<VisitStatus, string> = { planned: 'blue', skipped: 'orange', cancelled: 'default' };
const DONE: readonly WorkOrderStatus[] = ['done', 'verified'];

/** A date with its weekday, as a desk reads a schedule: "2026/12/01 周二". */
function dayText(date: string, locale: string) {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(d);
  return `${formatDate(date, locale)} ${weekday}`;
}

/** A customer's package: its services and how often, pauses, the coming visits and what was done. */
export function PackageScreen({ id }: { id: number }) {
  const detail = useCommand('package_get', { id });
  if (detail.error) return <FormError error={detail.error} details={[]} />;
  if (!detail.data) return <Card loading />;
  return <PackagePage detail={detail.data} />;
}

function PackagePage({ detail }: { detail: PackageDetail }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const toast = useErrorToast();
  const cache = useCommandCache();
  const { message } = App.useApp();
  const write = can('package_write');
  const [editing, setEditing] = useState(false);
  const [pausing, setPausing] = useState(false);
  const [extra, setExtra] = useState(false);
  const [skipping, setSkipping] = useState<VisitView | null>(null);
  const refresh = async () => {
    await cache.invalidate('package_get');
    await cache.invalidate('package_list');
  };
  const act = async (run: () => Promise<unknown>) => {
    try {
      await run();
      void message.success(t('common.saved'));
      await refresh();
    } catch (e) {
      toast(e);
    }
  };
  const locale = i18n.language;
  const window = detail.window_start || detail.window_end ? `${detail.window_start ?? ''}–${detail.window_end ?? ''}` : t('menus.package.any_time');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="package-screen">
      <Card
        title={
          <Space>
            <RouteLink to={{ name: 'packages' }}>{t('nav.packages')}</RouteLink>
            <span>/</span>
            <span data-testid="package-title">{detail.customer_name}</span>
            <Tag color={detail.active ? 'green' : 'default'} data-testid="package-status">
              {detail.active ? t('menus.package.active') : t('menus.package.stopped')}
            </Tag>
          </Space>
        }
        extra={
          write ? (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="package-edit">
                {t('common.edit')}
              </Button>
              <Button icon={<PauseCircleOutlined />} onClick={() => setPausing(true)} disabled={!detail.active} data-testid="package-pause">
                {t('menus.package.add_pause')}
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setExtra(true)} disabled={!detail.active} data-testid="package-extra">
                {t('menus.package.extra_visit')}
              </Button>
              <Popconfirm
                title={detail.active ? t('menus.package.stop_confirm') : t('menus.package.restart_confirm')}
                onConfirm={() => act(() => call('package_set_active', { id: detail.id, version: detail.version, active: !detail.active }))}
                okButtonProps={{ 'data-testid': 'package-active-confirm' }}
              >
                <Button danger={detail.active} data-testid="package-active">
                  {detail.active ? t('menus.package.stop') : t('menus.package.restart')}
                </Button>
              </Popconfirm>
            </Space>
          ) : null
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('menus.package.customer')}>
            <RouteLink to={{ name: 'customer', params: { id: detail.customer_id } }}>{detail.customer_name}</RouteLink>
          </Descriptions.Item>
          <Descriptions.Item label={t('menus.package.language')}>{t(`language.${detail.customer_language}`, { defaultValue: detail.customer_language })}</Descriptions.Item>
          <Descriptions.Item label={t('menus.package.unit')}>{detail.unit_label ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('menus.package.period')}>
            {formatDate(detail.starts_on, locale)} – {detail.ends_on ? formatDate(detail.ends_on, locale) : t('menus.package.open_ended')}
          </Descriptions.Item>
          <Descriptions.Item label={t('menus.package.window')}>{window}</Descriptions.Item>
          <Descriptions.Item label={t('menus.package.owner')}>{detail.owner_name}</Descriptions.Item>
          {detail.notes ? (
            <Descriptions.Item label={t('menus.package.notes')} span={3}>
              <span data-testid="package-notes-text">{detail.notes}</span>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>

      <Card title={t('menus.package.services')} size="small">
        <Table<PackageItemView>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={detail.items}
          onRow={(row) => ({ 'data-testid': `package-item-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('menus.package.service'), dataIndex: 'service_name', render: (n: string, row) => <span>{n} <Typography.Text type="secondary">{t(`enum.department.${row.department}`)}</Typography.Text></span> },
            { title: t('menus.package.repeat'), dataIndex: 'rule', render: (rule: string) => <span data-testid="package-item-rule">{describeRule(rule, t, locale)}</span> },
            {
              title: t('menus.package.period'),
              key: 'period',
              render: (_, row) => `${formatDate(row.starts_on, locale)} – ${row.ends_on ? formatDate(row.ends_on, locale) : ''}`,
            },
            {
              title: t('menus.package.window'),
              key: 'window',
              render: (_, row) => (row.window_start || row.window_end ? `${row.window_start ?? ''}–${row.window_end ?? ''}` : window),
            },
            { title: t('menus.package.quantity'), dataIndex: 'quantity', align: 'right' },
            {
              title: t('menus.package.upcoming'),
              dataIndex: 'upcoming',
              render: (dates: string[]) => dates.slice(0, 4).map((d) => formatDate(d, locale)).join(t('menus.rule.separator')),
            },
            { title: t('menus.package.item_notes'), dataIndex: 'notes' },
          ]}
        />
        {detail.pauses.length > 0 ? (
          <List
            size="small"
            header={<Typography.Text strong>{t('menus.package.pauses')}</Typography.Text>}
            dataSource={detail.pauses}
            data-testid="package-pauses"
            renderItem={(p) => (
              <List.Item
                actions={
                  write
                    ? [
                        <Popconfirm
                          key="remove"
                          title={t('menus.package.pause_remove_confirm')}
                          onConfirm={() => act(() => call('package_pause_remove', { id: detail.id, version: detail.version, pause_id: p.id }))}
                        >
                          <Button size="small" type="link" data-testid={`package-pause-remove-${p.id}`}>
                            {t('menus.package.pause_remove')}
                          </Button>
                        </Popconfirm>,
                      ]
                    : []
                }
              >
                {formatDate(p.from_date, locale)} – {formatDate(p.to_date, locale)} {p.note}
              </List.Item>
            )}
          />
        ) : null}
      </Card>

      <Card title={t('menus.package.next_visits', { today: formatDate(detail.today, locale) })} size="small">
        <VisitTable visits={detail.next_visits} testId="package-next-visits" onSkip={write ? setSkipping : undefined} />
      </Card>
      <Card title={t('menus.package.past_visits')} size="small">
        <VisitTable visits={detail.past_visits} testId="package-past-visits" />
      </Card>
      <Collapse
        size="small"
        data-testid="package-history"
        items={[
          {
            key: 'history',
            label: t('customer.history'),
            children: (
              <Timeline
                items={detail.history.map((entry) => ({
                  key: entry.id,
                  content: (
                    <div>
                      <Typography.Text strong>{t(`enum.change_action.${entry.action}`)}</Typography.Text>{' '}
                      <Typography.Text type="secondary">{t('customer.history_by', { name: entry.staff_name, at: formatDateTime(entry.at, locale) })}</Typography.Text>
                      {entry.changes.map((change) => (
                        <div key={change.field}>
                          {t('customer.history_change', {
                            field: change.field.startsWith('item.')
                              ? t('history.package.item', { name: change.field.slice(5) })
                              : t(`history.package.${change.field}`, { defaultValue: change.field }),
                            old: change.old ?? '—',
                            new: change.new ?? '—',
                          })}
                        </div>
                      ))}
                    </div>
                  ),
                }))}
              />
            ),
          },
        ]}
      />
      {editing ? <PackageEditor detail={detail} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
      {pausing ? <PauseDialog detail={detail} onClose={() => setPausing(false)} /> : null}
      {extra ? <ExtraDialog detail={detail} onClose={() => setExtra(false)} /> : null}
      {skipping ? <SkipDialog visit={skipping} onClose={() => setSkipping(null)} /> : null}
    </Space>
  );
}

function VisitTable({ visits, testId, onSkip }: { visits: VisitView[]; testId: string; onSkip?: (v: VisitView) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (visits.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('menus.package.no_visits')} />;
  return (
    <Table<VisitView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={visits}
      data-testid={testId}
      onRow={(row) => ({ 'data-testid': `visit-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('menus.package.date'), dataIndex: 'date', render: (d: string) => dayText(d, locale) },
        {
          title: t('menus.package.service'),
          dataIndex: 'service_name',
          render: (n: string, row) => (
            <span>
              {n} {row.extra ? <Tag color="purple">{t('menus.package.extra')}</Tag> : null}
              {row.quantity !== '1' ? <Typography.Text type="secondary"> ×{row.quantity}</Typography.Text> : null}
            </span>
          ),
        },
        {
          title: t('menus.package.status'),
          key: 'status',
          render: (_, row) => (
            <Space size={4} data-testid={`visit-status-${row.id}`} data-status={row.status} data-order-status={row.work_order_status ?? ''}>
              {row.status === 'planned' && row.work_order_status && DONE.includes(row.work_order_status) ? (
                <Tag color="green">{t(`enum.work_order_status.${row.work_order_status}`)}</Tag>
              ) : row.status === 'planned' && row.work_order_status ? (
                <>
                  <Tag color={VISIT_COLOR.planned}>{t('enum.visit_status.planned')}</Tag>
                  <Typography.Text type="secondary">{t(`enum.work_order_status.${row.work_order_status}`)}</Typography.Text>
                </>
              ) : (
                <Tag color={VISIT_COLOR[row.status]}>{t(`enum.visit_status.${row.status}`)}</Tag>
              )}
            </Space>
          ),
        },
        {
          title: t('menus.package.work_order'),
          key: 'wo',
          render: (_, row) =>
            row.case_id && row.work_order_id && row.work_order_number ? (
              <RouteLink to={{ name: 'case_work_order', params: { caseId: row.case_id, id: row.work_order_id } }} testId={`visit-wo-${row.id}`}>
                {row.work_order_number}
              </RouteLink>
            ) : null,
        },
        { title: t('menus.package.due'), dataIndex: 'due_at', render: (d: string | null) => formatDateTime(d, locale) },
        { title: t('menus.package.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '' },
        ...(onSkip
          ? [
              {
                key: 'actions',
                render: (_: unknown, row: VisitView) =>
                  row.status === 'planned' && (row.work_order_status === 'new' || row.work_order_status === 'dispatched') ? (
                    <Button size="small" icon={<CalendarOutlined />} onClick={() => onSkip(row)} data-testid={`visit-skip-${row.id}`}>
                      {t('menus.package.skip')}
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}

function SkipDialog({ visit, onClose }: { visit: VisitView; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const cache = useCommandCache();
  const command = useCommandForm<{ reason: string }, PackageDetail>({
    submit: (v) => call('package_visit_skip', { id: visit.id, version: visit.version, reason: v.reason ?? '' }),
    successMessage: t('common.saved'),
    onSuccess: async () => {
      await cache.invalidate('package_get');
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('menus.package.skip_title', { date: dayText(visit.date, i18n.language), service: visit.service_name })}
      onCancel={onClose}
      onOk={() => command.form.submit()}
      confirmLoading={command.busy}
      okButtonProps={{ 'data-testid': 'visit-skip-confirm' }}
    >
      <FormError error={command.error} details={command.details} />
      <Form form={command.form} layout="vertical" onFinish={command.onFinish} initialValues={{ reason: t('menus.package.skip_default_reason') }}>
        <Form.Item name="reason" label={t('menus.package.reason')} extra={t('menus.package.skip_hint')}>
          <Input data-testid="visit-skip-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PauseDialog({ detail, onClose }: { detail: PackageDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const command = useCommandForm<{ range: [Dayjs | null, Dayjs | null] | null; note: string }, PackageDetail>({
    submit: (v) =>
      call('package_pause_add', {
        id: detail.id,
        version: detail.version,
        from_date: v.range?.[0]?.format('YYYY-MM-DD') ?? '',
        to_date: v.range?.[1]?.format('YYYY-MM-DD') ?? '',
        note: v.note ?? '',
      }),
    successMessage: t('common.saved'),
    onSuccess: async () => {
      await cache.invalidate('package_get');
      onClose();
    },
  });
  return (
    <Modal open title={t('menus.package.add_pause')} onCancel={onClose} onOk={() => command.form.submit()} confirmLoading={command.busy} okButtonProps={{ 'data-testid': 'pause-save' }}>
      <FormError error={command.error} details={command.details} />
      <Form form={command.form} layout="vertical" onFinish={command.onFinish}>
        <Form.Item name="range" label={t('menus.package.pause_dates')} extra={t('menus.package.pause_hint')}>
          <DatePicker.RangePicker data-testid="pause-range" />
        </Form.Item>
        <Form.Item name="note" label={t('menus.package.notes')}>
          <Input data-testid="pause-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ExtraDialog({ detail, onClose }: { detail: PackageDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const command = useCommandForm<{ item_id: number; date: Dayjs | null; quantity: string; note: string }, PackageDetail>({
    submit: (v) =>
      call('package_visit_extra', {
        package_id: detail.id,
        item_id: v.item_id,
        date: v.date?.format('YYYY-MM-DD') ?? '',
        quantity: v.quantity?.trim() || null,
        note: v.note ?? '',
      }),
    successMessage: t('common.saved'),
    onSuccess: async () => {
      await cache.invalidate('package_get');
      onClose();
    },
  });
  return (
    <Modal open title={t('menus.package.extra_visit')} onCancel={onClose} onOk={() => command.form.submit()} confirmLoading={command.busy} okButtonProps={{ 'data-testid': 'extra-save' }}>
      <FormError error={command.error} details={command.details} />
      <Form form={command.form} layout="vertical" onFinish={command.onFinish} initialValues={{ item_id: detail.items[0]?.id, quantity: '1' }}>
        <Form.Item name="item_id" label={t('menus.package.service')}>
          <Select options={detail.items.map((i) => ({ value: i.id, label: i.service_name }))} data-testid="extra-item" />
        </Form.Item>
        <Space>
          <Form.Item name="date" label={t('menus.package.date')}>
            <DatePicker data-testid="extra-date" />
          </Form.Item>
          <Form.Item name="quantity" label={t('menus.package.quantity')}>
            <Input style={{ width: 80 }} data-testid="extra-quantity" />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('menus.package.notes')}>
          <Input data-testid="extra-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
