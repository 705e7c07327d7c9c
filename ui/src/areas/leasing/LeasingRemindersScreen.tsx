import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, type CommissionRow, type LeaseReminder, type LeasingReminderKind, type ViewingRow } from '../../lib/backend';
import { formatDate, formatDateTime, formatNumber } from '../../shared/format';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import { href } from '../../shared/routes';
import { useSession } from '../../shared/session';
import { refusalText } from './pipeline';
import { ReferralDrawer } from './ReferralDrawer';
import { useLeasingMoney } from './useLeasingMoney';

/** The lease-end buckets, soonest first. */
export const LEASE_BUCKETS: readonly LeasingReminderKind[] = ['lease_ending_30', 'lease_ending_60', 'lease_ending_90'];
const BUCKET_COLORS: Record<string, string> = { lease_ending_30: 'red', lease_ending_60: 'orange', lease_ending_90: 'blue' };

/** Leases ending soon, by bucket, with what to do. */
export function LeaseTable({ leases, onOpenReferral, testId }: { leases: LeaseReminder[]; onOpenReferral?: (id: number) => void; testId: string }) {
  const { t, i18n } = useTranslation();
  const money = useLeasingMoney();
  const locale = i18n.language;
  return (
    <Table<LeaseReminder>
      size="small"
      className="steward-head-nowrap"
      rowKey={(r) => r.lease.id}
      pagination={false}
      dataSource={leases}
      data-testid={testId}
      onRow={(r) => ({ 'data-testid': `lease-${r.lease.id}` }) as object}
      columns={[
        { title: t('leasing.reminder.unit'), render: (_, r) => r.lease.unit_label },
        {
          title: t('leasing.reminder.tenant'),
          render: (_, r) => <Typography.Link href={href({ name: 'customer', params: { id: r.lease.customer_id } })}>{r.lease.tenant_name}</Typography.Link>,
        },
        {
          title: t('leasing.reminder.owner'),
          render: (_, r) => <Typography.Link href={href({ name: 'customer', params: { id: r.lease.owner_id } })}>{r.lease.owner_name}</Typography.Link>,
        },
        { title: t('leasing.reminder.rent'), align: 'right', render: (_, r) => money(r.lease.monthly_rent) },
        { title: t('leasing.reminder.ends_on'), render: (_, r) => formatDate(r.lease.ends_on, locale) },
        {
          title: t('leasing.reminder.days_left'),
          align: 'right',
          render: (_, r) => (
            <Tag color={r.kind ? BUCKET_COLORS[r.kind] : 'default'}>{t('leasing.reminder.days', { days: formatNumber(Number(r.days_left), locale) })}</Tag>
          ),
        },
        {
          title: t('leasing.reminder.hint'),
          render: (_, r) =>
            r.kind ? (
              <Space orientation="vertical" size={0}>
                <span>{r.text}</span>
                <Space size={4}>
                  <Tag color="green">{t('leasing.reminder.renew')}</Tag>
                  <Tag color="purple">{t('leasing.reminder.relist')}</Tag>
                </Space>
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('leasing.reminder.running')}</Typography.Text>
            ),
        },
        ...(onOpenReferral
          ? [
              {
                key: 'open',
                render: (_: unknown, r: LeaseReminder) => (
                  <Button size="small" type="link" onClick={() => onOpenReferral(r.lease.referral_id)} data-testid={`lease-referral-${r.lease.id}`}>
                    {t('leasing.reminder.open_referral')}
                  </Button>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

type PayValues = { paid_on: Dayjs | null; amount: string };

/** Leases ending in 90/60/30 days, commissions due, and viewings to remember. */
export function LeasingRemindersScreen() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const cache = useCommandCache();
  const money = useLeasingMoney();
  const locale = i18n.language;
  const reminders = useCommand('leasing_reminders', { date: null });
  const [open, setOpen] = useState<number | null>(null);
  const [paying, setPaying] = useState<CommissionRow | null>(null);
  const pay = useCommandForm<PayValues, CommissionRow>({
    submit: (v) =>
      call('commission_pay', {
        id: paying!.id,
        version: paying!.version,
        paid_on: v.paid_on ? v.paid_on.format('YYYY-MM-DD') : '',
        amount: v.amount.trim(),
      }),
    onSuccess: () => {
      setPaying(null);
      void cache.invalidate('leasing_reminders');
      void cache.invalidate('commission_list');
      void message.success(t('leasing.reminder.paid'));
    },
  });
  const r = reminders.data;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="leasing-reminders-screen">
      {reminders.isError ? <Alert type="error" showIcon title={t(`error.${reminders.error.code}`)} /> : null}
      <Card
        title={t('nav.leasing_reminders')}
        loading={reminders.isPending}
        extra={r ? <Typography.Text type="secondary">{t('leasing.reminder.as_of', { date: formatDate(r.as_of, locale) })}</Typography.Text> : null}
      >
        {r && r.leases.length === 0 ? <Empty description={t('leasing.reminder.no_leases')} /> : null}
        {r
          ? LEASE_BUCKETS.map((bucket) => {
              const leases = r.leases.filter((l) => l.kind === bucket);
              if (leases.length === 0) return null;
              return (
                <div key={bucket} style={{ marginBottom: 16 }} data-testid={`reminder-bucket-${bucket}`}>
                  <Typography.Title level={5}>
                    <Tag color={BUCKET_COLORS[bucket]}>{leases.length}</Tag> {t(`enum.leasing_reminder_kind.${bucket}`)}
                  </Typography.Title>
                  <LeaseTable leases={leases} onOpenReferral={setOpen} testId={`reminder-leases-${bucket}`} />
                </div>
              );
            })
          : null}
      </Card>

      <Card title={t('leasing.reminder.commissions')} loading={reminders.isPending} data-testid="reminder-commissions">
        {r && r.commissions_due.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leasing.reminder.no_commissions')} />
        ) : (
          <Table<CommissionRow>
            size="small"
            className="steward-head-nowrap"
            rowKey="id"
            pagination={false}
            dataSource={r?.commissions_due ?? []}
            onRow={(c) => ({ 'data-testid': `commission-${c.id}` }) as object}
            columns={[
              { title: t('leasing.reminder.agency'), dataIndex: 'agency_name' },
              { title: t('leasing.reminder.unit'), dataIndex: 'unit_label' },
              { title: t('leasing.reminder.tenant'), dataIndex: 'tenant_name' },
              { title: t('leasing.reminder.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => money(v) },
              {
                title: t('leasing.reminder.due_on'),
                dataIndex: 'due_on',
                render: (v: string) => (
                  <span style={{ color: dayjs(v).isBefore(dayjs(), 'day') ? '#cf1322' : undefined }}>{formatDate(v, locale)}</span>
                ),
              },
              {
                key: 'actions',
                render: (_, c) => (
                  <Space size={4}>
                    <Button size="small" type="link" onClick={() => setOpen(c.referral_id)}>
                      {t('leasing.reminder.open_referral')}
                    </Button>
                    {can('leasing_write') ? (
                      <Button
                        size="small"
                        onClick={() => {
                          pay.form.setFieldsValue({ paid_on: dayjs(), amount: c.amount });
                          pay.clearError();
                          setPaying(c);
                        }}
                        data-testid={`commission-pay-${c.id}`}
                      >
                        {t('leasing.reminder.pay')}
                      </Button>
                    ) : null}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>

      {r && r.viewings.length > 0 ? (
        <Card title={t('leasing.reminder.viewings')} data-testid="reminder-viewings">
          <Space orientation="vertical" style={{ width: '100%' }}>
            {r.viewings.map((v: ViewingRow) => (
              <Button key={v.id} type="link" style={{ padding: 0 }} onClick={() => setOpen(v.referral_id)} data-testid={`reminder-viewing-${v.id}`}>
                {t('leasing.reminder.viewing_line', { at: formatDateTime(v.starts_at, locale), prospect: v.prospect_name, unit: v.unit_label })}
              </Button>
            ))}
          </Space>
        </Card>
      ) : null}

      <Modal
        open={paying !== null}
        title={paying ? t('leasing.reminder.pay_title', { agency: paying.agency_name, unit: paying.unit_label }) : ''}
        onCancel={() => setPaying(null)}
        onOk={() => pay.form.submit()}
        confirmLoading={pay.busy}
        okText={t('common.save')}
        okButtonProps={{ 'data-testid': 'commission-pay-save' }}
        forceRender
      >
        {pay.error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusalText(pay.error, t)} /> : null}
        <Form<PayValues> form={pay.form} layout="vertical" onFinish={pay.onFinish}>
          <Form.Item name="paid_on" label={t('leasing.reminder.paid_on')} rules={[{ required: true, message: t('validation.required') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="commission-paid-on" />
          </Form.Item>
          <Form.Item
            name="amount"
            label={t('leasing.reminder.amount')}
            rules={[
              { required: true, message: t('validation.required') },
              { pattern: /^\d{1,12}(\.\d{1,2})?$/, message: t('leasing.sign.money_format') },
            ]}
          >
            <Input inputMode="decimal" data-testid="commission-amount" />
          </Form.Item>
        </Form>
      </Modal>
      {open !== null ? <ReferralDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </Space>
  );
}
