import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { useCommand } from '../../shared/hooks';
import { RouteLink } from '../../shared/RouteLink';
import type { LanguageCases, LowScore } from '../../lib/backend';
import { dayRange } from './caseActions';
import { ChartCard } from './ChartCard';
import { formatDuration, Satisfaction } from './tags';

/** The manager's dashboard: load and overdue by department, times, satisfaction, channels, first receivers. */
export function DashboardScreen() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [days, setDays] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(29, 'day'), dayjs()]);
  const range = dayRange(days[0].toDate(), days[1].toDate());
  const dashboard = useCommand('desk_dashboard', range);
  const d = dashboard.data;
  const loading = dashboard.isPending;
  const number = new Intl.NumberFormat(locale);

  const departmentName = (dep: string | null) => (dep ? t(`enum.department.${dep}`) : t('desk.dashboard.supplier_only'));
  const open = useMemo(() => (d?.by_department ?? []).map((r) => ({ name: departmentName(r.department), value: r.open })), [d, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const overdue = useMemo(() => (d?.by_department ?? []).map((r) => ({ name: departmentName(r.department), value: r.overdue })), [d, t]); // eslint-disable-line react-hooks/exhaustive-deps
  const channels = useMemo(() => (d?.by_channel ?? []).map((r) => ({ name: t(`desk.channel.${r.channel}`), value: r.n })), [d, t]);
  const receivers = useMemo(() => (d?.by_receiver ?? []).map((r) => ({ name: r.staff_name, value: r.n })), [d]);
  const minutes = (value: number | null | undefined) => (value === null || value === undefined ? t('common.none') : formatDuration(t, locale, value * 60_000));
  const average =
    d?.satisfaction_average_centi === null || d?.satisfaction_average_centi === undefined
      ? t('common.none')
      : new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(d.satisfaction_average_centi / 100);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="dashboard-screen">
      <Card
        title={t('nav.dashboard')}
        extra={
          <DatePicker.RangePicker
            value={days}
            allowClear={false}
            onChange={(value) => value?.[0] && value[1] && setDays([value[0], value[1]])}
            data-testid="dashboard-period"
          />
        }
      >
        <Row gutter={[16, 16]}>
          <Col xs={12} lg={6}>
            <Statistic title={t('desk.dashboard.received')} value={d ? number.format(d.cases_received) : '—'} loading={loading} data-testid="dashboard-received" />
          </Col>
          <Col xs={12} lg={6}>
            <Statistic title={t('desk.dashboard.response_time')} value={minutes(d?.average_response_minutes)} loading={loading} data-testid="dashboard-response" />
          </Col>
          <Col xs={12} lg={6}>
            <Statistic title={t('desk.dashboard.completion_time')} value={minutes(d?.average_completion_minutes)} loading={loading} data-testid="dashboard-completion" />
          </Col>
          <Col xs={12} lg={6}>
            <Statistic
              title={t('desk.dashboard.satisfaction', { count: d ? (number.format(d.satisfaction_count) as unknown as number) : 0 })}
              value={average}
              suffix={d?.satisfaction_average_centi ? '/ 5' : undefined}
              loading={loading}
              data-testid="dashboard-satisfaction"
            />
          </Col>
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <ChartCard title={t('desk.dashboard.open_by_department')} kind="bar" data={open} loading={loading} />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title={t('desk.dashboard.overdue_by_department')} kind="bar" data={overdue} loading={loading} />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title={t('desk.dashboard.by_channel')} kind="pie" data={channels} loading={loading} />
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title={t('desk.dashboard.by_receiver')} kind="bar" data={receivers} loading={loading} />
        </Col>
      </Row>
      <Card title={t('desk.dashboard.foreign_languages')} data-testid="dashboard-foreign-languages">
        {d && d.foreign_languages.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.dashboard.no_foreign_languages')} />
        ) : (
          <Table<LanguageCases>
            rowKey="language"
            size="small"
            loading={loading}
            pagination={false}
            dataSource={d?.foreign_languages ?? []}
            columns={[
              { title: t('desk.intake.language'), dataIndex: 'language', render: (l: string) => t(`language.${l}`, { defaultValue: l }) },
              { title: t('desk.dashboard.foreign_cases'), dataIndex: 'cases', render: (n: number) => number.format(n) },
              {
                title: t('desk.dashboard.with_speaker_contact'),
                dataIndex: 'with_speaker_contact',
                render: (n: number, row) => `${number.format(n)} / ${number.format(row.cases)}`,
              },
              {
                title: t('desk.dashboard.followed_up_by_speaker'),
                dataIndex: 'followed_up_by_speaker',
                render: (n: number, row) => `${number.format(n)} / ${number.format(row.cases)}`,
              },
            ]}
          />
        )}
      </Card>
      <Card title={t('desk.dashboard.low_scores')} data-testid="dashboard-low-scores">
        {d && d.low_scores.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.dashboard.no_low_scores')} />
        ) : (
          <Table<LowScore>
            rowKey={(row) => `${row.case_id}-${row.at}`}
            size="small"
            loading={loading}
            pagination={false}
            dataSource={d?.low_scores ?? []}
            columns={[
              {
                title: t('desk.field.number'),
                dataIndex: 'case_number',
                render: (n: string, row) => <RouteLink to={{ name: 'case', params: { id: row.case_id } }}>{n}</RouteLink>,
              },
              { title: t('desk.field.title'), dataIndex: 'case_title', ellipsis: true },
              { title: t('desk.satisfaction.label'), dataIndex: 'satisfaction', render: (s: number) => <Satisfaction readOnly value={s} /> },
              { title: t('desk.follow_up.remark'), dataIndex: 'remark', render: (r: string | null) => <Typography.Text>{r ?? ''}</Typography.Text> },
              { title: t('desk.follow_up.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, locale) },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
