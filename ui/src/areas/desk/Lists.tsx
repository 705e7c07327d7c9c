import { useMemo, useState, type ReactNode } from 'react';
import { Button, Card, DatePicker, Input, Segmented, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../lib/backend';
import { formatDateTime } from '../../shared/format';
import { useCommand, usePagedList } from '../../shared/hooks';
import { languageOptions } from '../../shared/options';
import { navigate } from '../../shared/routes';
import { ExportButton } from '../../shared/ExportButton';
import { RouteLink } from '../../shared/RouteLink';
import type { CaseKind, CaseQuery, CaseRow, CaseStatus, Channel, FollowUpRow, WorkOrderRow } from './api';
import { dayRange, totalText } from './caseActions';
import { StaffSelect, useActor, WORK_DEPARTMENTS } from './common';
import { useDebounced } from './CustomerFinder';
import { DueTime, PriorityTag, StatusTag } from './tags';
import { CASE_KINDS, CASE_STATUSES, CHANNELS } from './vocab';

const rowClass = (row: { overdue: boolean }) => (row.overdue ? 'steward-row-overdue' : '');

/** "123 in total" or "1,000+ in total" when the core stopped counting. */
function useShowTotal(exact: boolean) {
  const { t, i18n } = useTranslation();
  return (count: number) => t('desk.list.total', { count: totalText(count, exact, i18n.language) as unknown as number });
}

function EscalationTag({ level }: { level: number }) {
  const { t } = useTranslation();
  return level > 0 ? <Tag color="red">{t('desk.list.level', { level })}</Tag> : null;
}

function useCaseColumns(options: { owner?: boolean } = {}): TableColumnsType<CaseRow> {
  const { t, i18n } = useTranslation();
  return useMemo(
    () => [
      {
        title: t('desk.field.number'),
        dataIndex: 'number',
        width: 130,
        render: (number: string, row) => (
          <Space orientation="vertical" size={0} className="steward-nowrap">
            <RouteLink to={{ name: 'case', params: { id: row.id } }} testId={`case-link-${row.id}`}>
              {number}
            </RouteLink>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} title={t('desk.field.received')}>
              {formatDateTime(row.received_at, i18n.language)}
            </Typography.Text>
          </Space>
        ),
      },
      {
        title: t('desk.field.title'),
        dataIndex: 'title',
        ellipsis: true,
        // The kind under the title keeps a column free for the title itself.
        render: (title: string, row) => (
          <Space orientation="vertical" size={0} style={{ maxWidth: '100%' }}>
            <Typography.Text ellipsis={{ tooltip: title }}>{title}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`desk.kind.${row.kind}`)}
            </Typography.Text>
          </Space>
        ),
      },
      {
        title: t('desk.field.status'),
        dataIndex: 'status',
        width: 150,
        render: (status: CaseStatus, row) => (
          <Space orientation="vertical" size={4} className="steward-nowrap">
            <StatusTag status={status} />
            <EscalationTag level={row.escalation_level} />
          </Space>
        ),
      },
      { title: t('desk.field.priority'), dataIndex: 'priority', width: 90, render: (p: string) => <PriorityTag priority={p} /> },
      {
        title: t('desk.field.customer'),
        dataIndex: 'customer_name',
        width: 160,
        ellipsis: true,
        render: (name: string | null, row) => (
          <Space orientation="vertical" size={0}>
            <span>{name ?? t('desk.case.unknown_caller')}</span>
            {row.unit_label ? <Typography.Text type="secondary">{row.unit_label}</Typography.Text> : null}
          </Space>
        ),
      },
      ...(options.owner === false ? [] : [{ title: t('desk.field.owner'), dataIndex: 'owner_name', width: 100, ellipsis: true }]),
      {
        title: t('desk.field.due'),
        dataIndex: 'due_at',
        width: 190,
        render: (due: string | null, row) => (
          due && row.status !== 'closed' && row.status !== 'awaiting_follow_up' ? <DueTime due={due} stacked /> : null
        ),
      },
    ],
    [t, i18n.language, options.owner],
  );
}

const caseRowProps = (row: CaseRow) => ({
  'data-testid': `case-row-${row.id}`,
  onDoubleClick: () => navigate({ name: 'case', params: { id: row.id } }),
});

function Screen({ title, testId, extra, children }: { title: string; testId: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} data-testid={testId}>
      {children}
    </Card>
  );
}

export function MyCasesScreen() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<CaseStatus | null>(null);
  const list = usePagedList('case_mine', { status });
  const columns = useCaseColumns({ owner: false });
  const showTotal = useShowTotal(!(list.query.data?.total_is_lower_bound ?? false));
  return (
    <Screen
      title={t('nav.my_cases')}
      testId="my-cases-screen"
      extra={
        <Select<CaseStatus>
          allowClear
          placeholder={t('desk.list.open_statuses')}
          style={{ width: 200 }}
          value={status ?? undefined}
          onChange={(value) => setStatus(value ?? null)}
          data-testid="my-cases-status"
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`desk.case_status.${s}`) }))}
        />
      }
    >
      <Table<CaseRow>
        rowKey="id"
        size="middle"
        columns={columns}
        rowClassName={rowClass}
        scroll={{ x: 1000 }}
        onRow={caseRowProps}
        {...list.tableProps}
        pagination={{ ...list.tableProps.pagination, showTotal }}
      />
    </Screen>
  );
}

function useWorkOrderColumns(): TableColumnsType<WorkOrderRow> {
  const { t } = useTranslation();
  return [
    {
      title: t('desk.field.number'),
      dataIndex: 'number',
      width: 130,
      render: (number: string, row) => (
        <RouteLink to={{ name: 'case_work_order', params: { caseId: row.case_id, id: row.id } }} testId={`wo-link-${row.id}`}>
          {number}
        </RouteLink>
      ),
    },
    {
      title: t('desk.field.case_title'),
      dataIndex: 'case_title',
      ellipsis: true,
      render: (title: string, row) => (
        <Space orientation="vertical" size={0} style={{ maxWidth: '100%' }}>
          <Typography.Text ellipsis={{ tooltip: title }}>{title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis={{ tooltip: row.instructions }}>
            {row.instructions}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('desk.field.status'),
      dataIndex: 'status',
      width: 130,
      render: (s: string, row) => (
        <Space orientation="vertical" size={4} className="steward-nowrap">
          <StatusTag status={s} of="work_order" />
          <EscalationTag level={row.escalation_level} />
        </Space>
      ),
    },
    { title: t('desk.field.priority'), dataIndex: 'priority', width: 90, render: (p: string) => <PriorityTag priority={p} /> },
    {
      title: t('desk.field.department'),
      dataIndex: 'department',
      width: 120,
      ellipsis: true,
      render: (d: Department | null, row) => (d ? t(`enum.department.${d}`) : (row.supplier_name ?? t('common.none'))),
    },
    { title: t('desk.field.assignee'), dataIndex: 'assignee_name', width: 110, ellipsis: true, render: (n: string | null) => n ?? t('desk.case.unassigned') },
    {
      title: t('desk.field.due'),
      dataIndex: 'due_at',
      width: 200,
      render: (due: string, row) => (
        <DueTime stacked due={due} settled={row.status === 'done' || row.status === 'verified' || row.status === 'cancelled'} />
      ),
    },
  ];
}

export function MyWorkOrdersScreen() {
  const { t } = useTranslation();
  const { actor } = useActor();
  const [queue, setQueue] = useState(false);
  const list = usePagedList('work_order_mine', { unassigned_in_my_department: queue });
  const columns = useWorkOrderColumns();
  return (
    <Screen
      title={t('nav.my_work_orders')}
      testId="my-work-orders-screen"
      extra={
        actor.role === 'department' ? (
          <Segmented<'mine' | 'queue'>
            value={queue ? 'queue' : 'mine'}
            onChange={(v) => setQueue(v === 'queue')}
            data-testid="my-work-orders-scope"
            options={[
              { value: 'mine', label: t('desk.list.assigned_to_me') },
              { value: 'queue', label: t('desk.list.department_queue'), title: t('desk.list.department_queue_hint') },
            ]}
          />
        ) : undefined
      }
    >
      {queue ? <Typography.Paragraph type="secondary">{t('desk.list.department_queue_hint')}</Typography.Paragraph> : null}
      <Table<WorkOrderRow>
        rowKey="id"
        size="middle"
        columns={columns}
        rowClassName={rowClass}
        scroll={{ x: 1000 }}
        onRow={(row) => ({
          'data-testid': `wo-row-${row.id}`,
          onDoubleClick: () => navigate({ name: 'case_work_order', params: { caseId: row.case_id, id: row.id } }),
        })}
        {...list.tableProps}
      />
    </Screen>
  );
}

export function FollowUpsScreen() {
  const { t, i18n } = useTranslation();
  const { actor } = useActor();
  const [everyone, setEveryone] = useState(false);
  const list = usePagedList('follow_up_queue', { everyone });
  const columns: TableColumnsType<FollowUpRow> = [
    {
      title: t('desk.field.number'),
      dataIndex: 'case_number',
      width: 110,
      render: (number: string, row) => <RouteLink to={{ name: 'case', params: { id: row.case_id } }}>{number}</RouteLink>,
    },
    { title: t('desk.field.title'), dataIndex: 'case_title', ellipsis: true },
    { title: t('desk.field.customer'), dataIndex: 'customer_name', render: (n: string | null) => n ?? t('desk.case.unknown_caller') },
    { title: t('desk.intake.caller_phone'), dataIndex: 'caller_phone', render: (p: string | null) => p ?? '' },
    {
      title: t('desk.intake.language'),
      dataIndex: 'language',
      render: (language: string) => (
        <Tag color={language.startsWith('zh') ? 'default' : 'volcano'}>{t(`language.${language}`, { defaultValue: language })}</Tag>
      ),
    },
    ...(everyone ? [{ title: t('desk.field.owner'), dataIndex: 'owner_name' }] : []),
    { title: t('desk.follow_up.attempts'), dataIndex: 'attempts', width: 90, align: 'right' as const, render: (n: number) => new Intl.NumberFormat(i18n.language).format(n) },
    { title: t('desk.field.due'), dataIndex: 'due_at', render: (due: string) => <DueTime due={due} /> },
  ];
  return (
    <Screen
      title={t('nav.follow_ups')}
      testId="follow-ups-screen"
      extra={
        actor.role === 'manager' || actor.role === 'desk' ? (
          <Space>
            <Switch checked={everyone} onChange={setEveryone} data-testid="follow-ups-everyone" />
            {t('desk.list.everyone')}
          </Space>
        ) : null
      }
    >
      <Table<FollowUpRow>
        rowKey="id"
        size="middle"
        columns={columns}
        rowClassName={rowClass}
        scroll={{ x: 1000 }}
        onRow={(row) => ({
          'data-testid': `follow-up-row-${row.id}`,
          onDoubleClick: () => navigate({ name: 'case', params: { id: row.case_id } }),
        })}
        {...list.tableProps}
      />
    </Screen>
  );
}

type Filters = Omit<CaseQuery, 'page' | 'page_size'>;

export const NO_CASE_FILTERS: Filters = {
  search: null,
  kind: null,
  status: null,
  department: null,
  owner_id: null,
  building_id: null,
  customer_id: null,
  unit_id: null,
  overdue: null,
  received_from: null,
  received_to: null,
  channel: null,
  language: null,
};

export function CasesScreen() {
  const { t } = useTranslation();
  const { may } = useActor();
  const [filters, setFilters] = useState<Filters>(NO_CASE_FILTERS);
  const [text, setText] = useState('');
  const [days, setDays] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const search = useDebounced(text.trim(), 300);
  const range = days?.[0] && days?.[1] ? dayRange(days[0].toDate(), days[1].toDate()) : null;
  const query: Filters = {
    ...filters,
    search: search || null,
    received_from: range?.from ?? null,
    received_to: range?.to ?? null,
  };
  const list = usePagedList('case_list', query);
  const columns = useCaseColumns();
  const showTotal = useShowTotal(!(list.query.data?.total_is_lower_bound ?? false));
  const buildings = useCommand('building_list', null, { enabled: may('unit_read') });
  const set = <K extends keyof Filters>(key: K) => (value: Filters[K] | undefined) => setFilters((f) => ({ ...f, [key]: value ?? null }));

  return (
    <Screen title={t('nav.cases')} testId="cases-screen" extra={<ExportButton target={{ list: 'cases', query: list.input }} testId="cases-export" />}>
      <div className="steward-filters">
        <Input.Search
          allowClear
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder={t('desk.list.search')}
          aria-label={t('desk.list.search')}
          style={{ width: 320 }}
          data-testid="case-search"
        />
        <Select<CaseKind> allowClear placeholder={t('desk.field.kind')} style={{ width: 130 }} value={filters.kind ?? undefined} onChange={set('kind')} data-testid="filter-kind" options={CASE_KINDS.map((k) => ({ value: k, label: t(`desk.kind.${k}`) }))} />
        <Select<CaseStatus> allowClear placeholder={t('desk.field.status')} style={{ width: 140 }} value={filters.status ?? undefined} onChange={set('status')} data-testid="filter-status" options={CASE_STATUSES.map((k) => ({ value: k, label: t(`desk.case_status.${k}`) }))} />
        <Select<Department> allowClear placeholder={t('desk.field.department')} style={{ width: 140 }} value={filters.department ?? undefined} onChange={set('department')} data-testid="filter-department" options={WORK_DEPARTMENTS.map((d) => ({ value: d, label: t(`enum.department.${d}`) }))} />
        <StaffSelect placeholder={t('desk.field.owner')} style={{ width: 160 }} value={filters.owner_id ?? undefined} onChange={(v) => set('owner_id')(v ?? null)} testId="filter-owner" />
        {buildings.data ? (
          <Select<number> allowClear placeholder={t('desk.field.building')} style={{ width: 120 }} value={filters.building_id ?? undefined} onChange={set('building_id')} data-testid="filter-building" options={buildings.data.map((b) => ({ value: b.id, label: b.name }))} />
        ) : null}
        <Select<Channel> allowClear placeholder={t('desk.field.channel')} style={{ width: 120 }} value={filters.channel ?? undefined} onChange={set('channel')} data-testid="filter-channel" options={CHANNELS.map((k) => ({ value: k, label: t(`desk.channel.${k}`) }))} />
        <Select<string> allowClear placeholder={t('desk.intake.language')} style={{ width: 130 }} value={filters.language ?? undefined} onChange={set('language')} data-testid="filter-language" options={languageOptions(t)} />
        <DatePicker.RangePicker value={days} onChange={(value) => setDays(value)} data-testid="filter-received" placeholder={[t('desk.list.received_from'), t('desk.list.received_to')]} />
        <Space>
          <Switch checked={filters.overdue === true} onChange={(on) => set('overdue')(on ? true : null)} data-testid="filter-overdue" />
          {t('desk.list.overdue_only')}
        </Space>
        <Button
          onClick={() => {
            setFilters(NO_CASE_FILTERS);
            setText('');
            setDays(null);
          }}
          data-testid="filter-clear"
        >
          {t('desk.list.clear')}
        </Button>
      </div>
      <Table<CaseRow>
        rowKey="id"
        size="middle"
        columns={columns}
        rowClassName={rowClass}
        scroll={{ x: 1000 }}
        onRow={caseRowProps}
        {...list.tableProps}
        pagination={{ ...list.tableProps.pagination, showTotal }}
      />
    </Screen>
  );
}

/** Every case of one customer, newest first: the "Cases" card of the customer page. */
export function CustomerCasesCard({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const list = usePagedList('case_list', { ...NO_CASE_FILTERS, customer_id: customerId }, { pageSize: 10 });
  const columns = useCaseColumns();
  const showTotal = useShowTotal(!(list.query.data?.total_is_lower_bound ?? false));
  return (
    <Card title={t('desk.list.customer_cases')} data-testid="customer-cases">
      <Table<CaseRow>
        rowKey="id"
        size="small"
        columns={columns}
        rowClassName={rowClass}
        scroll={{ x: 1000 }}
        onRow={caseRowProps}
        {...list.tableProps}
        pagination={{ ...list.tableProps.pagination, showTotal }}
      />
    </Card>
  );
}
