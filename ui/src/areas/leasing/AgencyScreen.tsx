import { useState } from 'react';
import { Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Space, Spin, Statistic, Switch, Table, Tag } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, type AgencyRow, type CommissionRow } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { formatDate, formatNumber } from '../../shared/format';
import { useCommand, useCommandCache, useCommandForm, usePagedList } from '../../shared/hooks';
import { useSession } from '../../shared/session';
import { ReferralList, useMoney } from './common';
import { useOfficeCurrency } from './useLeasingMoney';
import { AgencyEditor } from './AgencyEditor';

/** "50% of a month's rent" or "¥3,000.00 per lease", for the locale. */
export function useCommissionTerms(): (row: Pick<AgencyRow, 'commission_kind' | 'commission_value'>) => string {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  return (row) =>
    row.commission_kind === 'fixed'
      ? t('leasing.agency.terms_fixed', { amount: money(row.commission_value) })
      : t('leasing.agency.terms_percent', { percent: formatNumber(row.commission_value, i18n.language) });
}

/** One partner agency: contacts and terms, its performance, the referrals through it and its commissions. */
export function AgencyScreen({ id }: { id: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const money = useMoney();
  const terms = useCommissionTerms();
  const write = can('leasing_write');
  const agency = useCommand('agency_get', { id });
  const [editing, setEditing] = useState(false);
  const d = agency.data;
  if (agency.isLoading) {
    return (
      <div className="steward-loading">
        <Spin />
      </div>
    );
  }
  if (!d) return <Empty description={agency.error ? t(`error.${agency.error.code}`) : undefined} />;
  const r = d.row;
  const p = d.performance;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="agency-screen">
      <Card
        title={
          <Space>
            <span data-testid="agency-heading">{r.name}</span>
            <Tag color={r.active ? 'green' : 'default'}>{r.active ? t('leasing.agency.active') : t('leasing.agency.inactive')}</Tag>
          </Space>
        }
        extra={
          write ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="agency-edit">
              {t('common.edit')}
            </Button>
          ) : null
        }
      >
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('leasing.agency.contacts')}>{r.contacts || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.agency.phone')}>{r.phone || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.agency.email')}>{r.email || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('leasing.agency.commission')}>{terms(r)}</Descriptions.Item>
          {d.notes ? <Descriptions.Item label={t('leasing.agency.notes')}>{d.notes}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]} data-testid="agency-performance">
        {(
          [
            ['referrals', p.referrals],
            ['open_referrals', p.open_referrals],
            ['viewings', p.viewings],
            ['signed', p.signed],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={t(`leasing.agency.perf.${key}`)} value={value} data-testid={`agency-perf-${key}`} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('leasing.agency.perf.commission_due')} value={money(p.commission_due)} data-testid="agency-perf-commission_due" />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={t('leasing.agency.perf.commission_paid')} value={money(p.commission_paid)} data-testid="agency-perf-commission_paid" />
          </Card>
        </Col>
      </Row>
      <Commissions agencyId={r.id} write={write} />
      <Card title={t('leasing.agency.referrals')} size="small">
        <ReferralList filter={{ listing_id: null, prospect_id: null, agency_id: r.id }} show="listing" />
      </Card>
      {editing ? <AgencyEditor detail={d} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} /> : null}
    </Space>
  );
}

/** The commissions earned through the agency: amount, due date, paid or due; the desk records payments. */
function Commissions({ agencyId, write }: { agencyId: number; write: boolean }) {
  const { t, i18n } = useTranslation();
  const money = useMoney();
  const [unpaid, setUnpaid] = useState(false);
  const [paying, setPaying] = useState<CommissionRow | null>(null);
  const list = usePagedList('commission_list', { agency_id: agencyId, unpaid_only: unpaid }, { pageSize: 10 });
  return (
    <Card
      title={t('leasing.agency.commissions')}
      size="small"
      extra={
        <Space>
          <Switch size="small" checked={unpaid} onChange={setUnpaid} data-testid="commissions-unpaid" />
          {t('leasing.agency.unpaid_only')}
        </Space>
      }
    >
      <Table<CommissionRow>
        rowKey="id"
        size="small"
        {...list.tableProps}
        data-testid="agency-commissions"
        onRow={(row) => ({ 'data-testid': `commission-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('leasing.agency.unit'), dataIndex: 'unit_label' },
          { title: t('leasing.agency.tenant'), dataIndex: 'tenant_name' },
          { title: t('leasing.agency.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => money(v) },
          { title: t('leasing.agency.due_on'), dataIndex: 'due_on', render: (d: string) => formatDate(d, i18n.language) },
          {
            title: t('leasing.agency.commission_status'),
            key: 'status',
            render: (_, row) =>
              row.paid_on ? (
                <Tag color="green" data-testid={`commission-status-${row.id}`}>
                  {t('leasing.agency.paid_on', { date: formatDate(row.paid_on, i18n.language), amount: money(row.paid) })}
                </Tag>
              ) : (
                <Tag color="orange" data-testid={`commission-status-${row.id}`}>
                  {t('leasing.agency.due')}
                </Tag>
              ),
          },
          ...(write
            ? [
                {
                  title: '',
                  key: 'pay',
                  render: (_: unknown, row: CommissionRow) =>
                    row.paid_on ? null : (
                      <Button size="small" onClick={() => setPaying(row)} data-testid={`commission-pay-${row.id}`}>
                        {t('leasing.agency.record_payment')}
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      {paying ? <PayForm row={paying} onClose={() => setPaying(null)} /> : null}
    </Card>
  );
}

type PayValues = { paid_on: Dayjs | null; amount: string };

function PayForm({ row, onClose }: { row: CommissionRow; onClose: () => void }) {
  const { t } = useTranslation();
  const currency = useOfficeCurrency();
  const cache = useCommandCache();
  const command = useCommandForm<PayValues, CommissionRow>({
    submit: (v) =>
      call('commission_pay', {
        id: row.id,
        version: row.version,
        paid_on: v.paid_on ? v.paid_on.format('YYYY-MM-DD') : '',
        amount: v.amount?.trim() ?? '',
      }),
    successMessage: t('leasing.agency.payment_recorded'),
    onSuccess: async () => {
      await cache.invalidate('commission_list');
      await cache.invalidate('agency_get');
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('leasing.agency.pay_title', { unit: row.unit_label, tenant: row.tenant_name })}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={command.busy} onClick={() => command.form.submit()} data-testid="commission-pay-save">
          {t('leasing.agency.record_payment')}
        </Button>,
      ]}
    >
      <FormError error={command.error} details={command.details} />
      <Form<PayValues> form={command.form} layout="vertical" onFinish={command.onFinish} initialValues={{ paid_on: dayjs(), amount: row.amount }}>
        <Space size="middle" wrap>
          <Form.Item name="paid_on" label={t('leasing.agency.paid_date')}>
            <DatePicker data-testid="commission-pay-date" />
          </Form.Item>
          <Form.Item name="amount" label={t('leasing.agency.amount')}>
            <Input inputMode="decimal" style={{ width: 160 }} suffix={currency} data-testid="commission-pay-amount" />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
