import { useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Empty, Form, Input, Modal, Result, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, type ReferralDetail, type ReferralStage, type ViewingRow } from '../../lib/backend';
import { formatDate, formatDateTime } from '../../shared/format';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import { href } from '../../shared/routes';
import { useSession } from '../../shared/session';
import { needsReason, nextStages, refusalText, STAGE_COLORS } from './pipeline';
import { SignDialog } from './SignDialog';
import { useLeasingMoney } from './useLeasingMoney';

export function StageTag({ stage }: { stage: ReferralStage }) {
  const { t } = useTranslation();
  return <Tag color={STAGE_COLORS[stage]}>{t(`enum.referral_stage.${stage}`)}</Tag>;
}

/** Durations offered for a viewing, in minutes. */
const DURATIONS = [30, 45, 60, 90, 120];
/** Reminder lead times, in minutes before the start (0: none). */
const REMIND_BEFORE = [0, 30, 60, 120, 1440];

type ScheduleValues = { starts_at: Dayjs | null; duration: number; staff_id: number | null; remind_before: number; notes: string };
type RecordValues = { notes: string };
type ReasonValues = { reason: string; note: string };

/** The leasing caches a referral change touches. */
export function useReferralRefresh() {
  const cache = useCommandCache();
  return (detail: ReferralDetail) => {
    cache.set('referral_get', { id: detail.row.id }, detail);
    void cache.invalidate('referral_board');
    void cache.invalidate('referral_list');
    void cache.invalidate('viewing_list');
    void cache.invalidate('leasing_reminders');
  };
}

/** One referral: its steps, viewings, the moves it may make, and signing. */
export function ReferralDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const money = useLeasingMoney();
  const locale = i18n.language;
  const referral = useCommand('referral_get', { id });
  const refresh = useReferralRefresh();
  const [moving, setMoving] = useState<ReferralStage | null>(null);
  const [asking, setAsking] = useState<ReferralStage | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const [recording, setRecording] = useState<ViewingRow | null>(null);
  const [signing, setSigning] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const write = can('leasing_write');

  const staff = useCommand(
    'staff_lookup',
    { search: null, department: 'leasing', page: 1, page_size: 100 },
    { enabled: scheduling },
  );

  const schedule = useCommandForm<ScheduleValues, ReferralDetail>({
    submit: (v) => {
      const start = v.starts_at as Dayjs;
      return call('viewing_schedule', {
        referral_id: id,
        starts_at: start.toISOString(),
        ends_at: start.add(v.duration, 'minute').toISOString(),
        staff_id: v.staff_id ?? null,
        remind_at: v.remind_before > 0 ? start.subtract(v.remind_before, 'minute').toISOString() : null,
        notes: v.notes?.trim() ?? '',
      });
    },
    onSuccess: (detail) => {
      refresh(detail);
      setScheduling(false);
      void message.success(t('leasing.viewing.scheduled'));
    },
  });
  const record = useCommandForm<RecordValues, ReferralDetail>({
    submit: (v) => call('viewing_record', { id: recording!.id, version: recording!.version, notes: v.notes?.trim() ?? '' }),
    onSuccess: (detail) => {
      refresh(detail);
      setRecording(null);
      void message.success(t('leasing.viewing.recorded'));
    },
  });
  const reasonForm = useCommandForm<ReasonValues, ReferralDetail>({
    submit: (v) =>
      call('referral_move', {
        id,
        version: referral.data!.row.version,
        to: asking!,
        reason: v.reason.trim(),
        note: v.note?.trim() ?? '',
      }),
    onSuccess: (detail) => {
      refresh(detail);
      setAsking(null);
    },
  });

  const move = async (to: ReferralStage) => {
    if (!referral.data) return;
    if (needsReason(to)) {
      reasonForm.form.resetFields();
      reasonForm.clearError();
      setAsking(to);
      return;
    }
    setMoving(to);
    setRefusal(null);
    try {
      refresh(await call('referral_move', { id, version: referral.data.row.version, to, reason: null, note: '' }));
    } catch (reason) {
      setRefusal(refusalText(reason, t));
    } finally {
      setMoving(null);
    }
  };

  const d = referral.data;
  const nextViewing = d?.viewings.find((v) => v.status === 'scheduled') ?? null;

  return (
    <Drawer
      open
      size={640}
      onClose={onClose}
      title={d ? t('leasing.referral.drawer_title', { prospect: d.row.prospect_name, unit: d.row.unit_label }) : t('leasing.referral.title')}
      data-testid="referral-drawer"
      destroyOnHidden
    >
      {referral.isPending ? <Spin /> : null}
      {referral.isError ? <Result status="warning" title={t(`error.${referral.error.code}`)} /> : null}
      {d ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={2} data-testid="referral-facts">
            <Descriptions.Item label={t('leasing.referral.stage')}>
              <span data-testid="referral-stage">
                <StageTag stage={d.row.stage} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('leasing.referral.agency')}>{d.row.agency_name ?? t('leasing.referral.direct')}</Descriptions.Item>
            <Descriptions.Item label={t('leasing.referral.prospect')}>
              {d.row.prospect_name}{' '}
              <Typography.Text type="secondary">{t(`language.${d.row.prospect_language}`, { defaultValue: d.row.prospect_language })}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('leasing.referral.unit')}>{d.row.unit_label}</Descriptions.Item>
            <Descriptions.Item label={t('leasing.referral.listing')} span={2}>
              {d.row.listing_title}
            </Descriptions.Item>
            <Descriptions.Item label={t('leasing.referral.asking_rent')}>{money(d.row.asking_rent)}</Descriptions.Item>
            <Descriptions.Item label={t('leasing.referral.next_viewing')}>{formatDateTime(d.row.next_viewing, locale)}</Descriptions.Item>
            {d.row.lost_reason ? (
              <Descriptions.Item label={t('leasing.referral.lost_reason')} span={2}>
                {d.row.lost_reason}
              </Descriptions.Item>
            ) : null}
          </Descriptions>

          {d.lease ? (
            <Alert
              type="success"
              showIcon
              data-testid="referral-signed"
              title={t('leasing.sign.done', {
                start: formatDate(d.lease.starts_on, locale),
                end: formatDate(d.lease.ends_on, locale),
                rent: money(d.lease.monthly_rent),
              })}
              description={
                <Space orientation="vertical" size={2}>
                  <span>
                    {t('leasing.sign.tenant')}{' '}
                    <Typography.Link href={href({ name: 'customer', params: { id: d.lease.customer_id } })} data-testid="referral-tenant-link">
                      {d.lease.tenant_name}
                    </Typography.Link>
                  </span>
                  {d.commission ? (
                    <span data-testid="referral-commission">
                      {t('leasing.sign.commission', {
                        agency: d.commission.agency_name,
                        amount: money(d.commission.amount),
                        date: formatDate(d.commission.due_on, locale),
                      })}
                    </span>
                  ) : (
                    <span data-testid="referral-commission">{t('leasing.sign.no_commission')}</span>
                  )}
                </Space>
              }
            />
          ) : null}

          {write && (nextStages(d.row.stage).length > 0 || d.row.stage === 'offer') ? (
            <Space wrap data-testid="referral-actions">
              {nextStages(d.row.stage).map((stage) => (
                <Button
                  key={stage}
                  danger={needsReason(stage)}
                  loading={moving === stage}
                  onClick={() => void move(stage)}
                  data-testid={`referral-move-${stage}`}
                >
                  {t('leasing.referral.move_to', { stage: t(`enum.referral_stage.${stage}`) })}
                </Button>
              ))}
              <Button
                onClick={() => {
                  schedule.form.resetFields();
                  schedule.clearError();
                  setScheduling(true);
                }}
                data-testid="viewing-schedule"
              >
                {t('leasing.viewing.schedule')}
              </Button>
              {nextViewing ? (
                <Button
                  onClick={() => {
                    record.form.resetFields();
                    record.clearError();
                    setRecording(nextViewing);
                  }}
                  data-testid="viewing-record"
                >
                  {t('leasing.viewing.record')}
                </Button>
              ) : null}
              {d.row.stage === 'offer' ? (
                <Button type="primary" onClick={() => setSigning(true)} data-testid="referral-sign">
                  {t('leasing.sign.open')}
                </Button>
              ) : null}
            </Space>
          ) : null}
          {refusal ? <Alert type="error" showIcon closable={{ onClose: () => setRefusal(null) }} title={refusal} data-testid="referral-refusal" /> : null}

          <Typography.Title level={5}>{t('leasing.viewing.title')}</Typography.Title>
          {d.viewings.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leasing.viewing.none')} />
          ) : (
            <Space orientation="vertical" size={4} style={{ width: '100%' }} data-testid="referral-viewings">
              {d.viewings.map((v) => (
                <div key={v.id} data-testid={`referral-viewing-${v.id}`}>
                  <Space size={6} wrap>
                    <Typography.Text strong>{formatDateTime(v.starts_at, locale)}</Typography.Text>
                    <Tag color={v.status === 'scheduled' ? 'blue' : v.status === 'done' ? 'green' : 'default'}>
                      {t(`enum.viewing_status.${v.status}`)}
                    </Tag>
                    <Typography.Text type="secondary">{v.staff_name}</Typography.Text>
                    {v.remind_now ? <Tag color="orange">{t('leasing.viewing.remind_now')}</Tag> : null}
                  </Space>
                  {v.notes ? <div style={{ whiteSpace: 'pre-wrap' }}>{v.notes}</div> : null}
                </div>
              ))}
            </Space>
          )}

          <Typography.Title level={5}>{t('leasing.referral.steps')}</Typography.Title>
          <Timeline
            data-testid="referral-steps"
            items={d.steps.map((step, index) => ({
              key: index,
              content: (
                <div data-testid={`referral-step-${index}`}>
                  <Typography.Text strong>{t(`enum.referral_stage.${step.to}`)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {t('leasing.referral.step_by', { at: formatDateTime(step.at, locale), name: step.staff_name })}
                  </Typography.Text>
                  {step.note ? <div style={{ whiteSpace: 'pre-wrap' }}>{step.note}</div> : null}
                </div>
              ),
            }))}
          />

          <Modal
            open={scheduling}
            title={t('leasing.viewing.schedule')}
            onCancel={() => setScheduling(false)}
            onOk={() => schedule.form.submit()}
            confirmLoading={schedule.busy}
            okButtonProps={{ 'data-testid': 'viewing-save' }}
            okText={t('common.save')}
            destroyOnHidden
          >
            {schedule.error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusalText(schedule.error, t)} data-testid="viewing-error" /> : null}
            <Form<ScheduleValues>
              form={schedule.form}
              layout="vertical"
              onFinish={schedule.onFinish}
              initialValues={{ starts_at: null, duration: 60, staff_id: null, remind_before: 60, notes: '' }}
            >
              <Form.Item name="starts_at" label={t('leasing.viewing.starts_at')} rules={[{ required: true, message: t('validation.required') }]}>
                <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="viewing-start" />
              </Form.Item>
              <Form.Item name="duration" label={t('leasing.viewing.duration')}>
                <Select
                  data-testid="viewing-duration"
                  options={DURATIONS.map((m) => ({ value: m, label: t('leasing.viewing.minutes', { count: m }) }))}
                />
              </Form.Item>
              <Form.Item name="staff_id" label={t('leasing.viewing.staff')} extra={t('leasing.viewing.staff_help')}>
                <Select<number>
                  allowClear
                  data-testid="viewing-staff"
                  loading={staff.isLoading}
                  options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.display_name }))}
                />
              </Form.Item>
              <Form.Item name="remind_before" label={t('leasing.viewing.remind')}>
                <Select
                  data-testid="viewing-remind"
                  options={REMIND_BEFORE.map((m) => ({
                    value: m,
                    label: m === 0 ? t('leasing.viewing.remind_none') : t('leasing.viewing.remind_before', { count: m }),
                  }))}
                />
              </Form.Item>
              <Form.Item name="notes" label={t('leasing.viewing.notes')}>
                <Input.TextArea autoSize={{ minRows: 2 }} data-testid="viewing-notes" />
              </Form.Item>
            </Form>
          </Modal>

          <Modal
            open={recording !== null}
            title={recording ? t('leasing.viewing.record_title', { at: formatDateTime(recording.starts_at, locale) }) : ''}
            onCancel={() => setRecording(null)}
            onOk={() => record.form.submit()}
            confirmLoading={record.busy}
            okButtonProps={{ 'data-testid': 'viewing-record-save' }}
            okText={t('common.save')}
            destroyOnHidden
          >
            {record.error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusalText(record.error, t)} data-testid="viewing-record-error" /> : null}
            <Form<RecordValues> form={record.form} layout="vertical" onFinish={record.onFinish} initialValues={{ notes: '' }}>
              <Form.Item name="notes" label={t('leasing.viewing.how_it_went')}>
                <Input.TextArea autoSize={{ minRows: 3 }} data-testid="viewing-record-notes" />
              </Form.Item>
            </Form>
          </Modal>

          <Modal
            open={asking !== null}
            title={asking ? t('leasing.referral.move_to', { stage: t(`enum.referral_stage.${asking}`) }) : ''}
            onCancel={() => setAsking(null)}
            onOk={() => reasonForm.form.submit()}
            confirmLoading={reasonForm.busy}
            okButtonProps={{ 'data-testid': 'referral-reason-save' }}
            okText={t('common.save')}
            destroyOnHidden
          >
            {reasonForm.error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusalText(reasonForm.error, t)} /> : null}
            <Form<ReasonValues> form={reasonForm.form} layout="vertical" onFinish={reasonForm.onFinish} initialValues={{ reason: '', note: '' }}>
              <Form.Item
                name="reason"
                label={t('leasing.referral.reason')}
                rules={[{ required: true, whitespace: true, message: t('validation.referral_reason_required') }]}
              >
                <Input.TextArea autoSize={{ minRows: 2 }} data-testid="referral-reason" autoFocus />
              </Form.Item>
            </Form>
          </Modal>

          {signing ? (
            <SignDialog
              open
              detail={d}
              onClose={() => setSigning(false)}
              onReload={() => void referral.refetch()}
              onSigned={(detail) => {
                refresh(detail);
                setSigning(false);
                void message.success(t('leasing.sign.signed'));
              }}
            />
          ) : null}
        </Space>
      ) : null}
    </Drawer>
  );
}
