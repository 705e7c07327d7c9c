import { useEffect, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import {
  ArrowLeftOutlined,
  CheckOutlined,
  EditOutlined,
  GlobalOutlined,
  PaperClipOutlined,
  PhoneOutlined,
  PlusOutlined,
  SendOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { call, saveDocument, toApiError, VOCABULARIES, type ApiError, type Department } from '../../lib/backend';
import { FormError, useErrorToast } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useCommand, useCommandCache, useCommandForm } from '../../shared/hooks';
import { back } from '../../shared/routes';
import { RouteLink } from '../../shared/RouteLink';
import { enumOptions } from '../../shared/options';
import type { AttemptOutcome, CaseDetail, CaseView, ChargeKind, FollowUpView, WorkOrderView } from './api';
import { CaseTimeline, type TimelineEvent } from './CaseTimeline';
import { ContactModal, KnowledgePanel, languageContactItem, showsKnowledge } from './Consultation';
import {
  ACTION_NEEDS,
  caseActions,
  chargeAmountCents,
  remarkRequired,
  targetOf,
  workOrderActions,
  type WorkOrderAction,
} from './caseActions';
import {
  fileToBase64,
  formatBytes,
  MAX_ATTACHMENT_BYTES,
  openBase64,
  StaffSelect,
  SupplierSelect,
  useActor,
  WORK_DEPARTMENTS,
} from './common';
import { DueTime, Money, OverdueTag, PriorityTag, Satisfaction, StatusTag } from './tags';
import { ATTEMPT_OUTCOMES, CASE_KINDS, CHANNELS, CHARGE_KINDS, PRIORITIES } from './vocab';
import { ConfirmationButton } from '../directory/ConfirmationButton';

const isChinese = (language: string) => language.toLowerCase().startsWith('zh');

/** The page of one case; `workOrderId` selects (highlights and scrolls to) one of its work orders. */
export function CaseScreen({ id, workOrderId }: { id: number; workOrderId: number | null }) {
  const { t } = useTranslation();
  const detail = useCommand('case_get', { id });
  const cache = useCommandCache();

  const updated = (next: CaseDetail) => {
    cache.set('case_get', { id }, next);
    for (const name of ['case_list', 'case_mine', 'work_order_list', 'work_order_mine', 'follow_up_queue', 'desk_badges', 'case_kanban_counts', 'alert_list'] as const) {
      void cache.invalidate(name);
    }
  };

  const backButton = (
    <Button icon={<ArrowLeftOutlined />} data-testid="case-back" onClick={() => back()}>
      {t('common.back')}
    </Button>
  );
  if (detail.isPending) return <Spin />;
  if (detail.isError) return <Result status="warning" title={t(`error.${detail.error.code}`)} extra={backButton} />;
  return (
    <CaseView
      detail={detail.data}
      workOrderId={workOrderId}
      backButton={backButton}
      onChanged={updated}
      onReload={() => void detail.refetch()}
    />
  );
}

type ViewProps = {
  detail: CaseDetail;
  workOrderId: number | null;
  backButton: ReactNode;
  onChanged: (detail: CaseDetail) => void;
  onReload: () => void;
};

type Dialog =
  | { kind: 'edit' }
  | { kind: 'handover' }
  | { kind: 'resolve' }
  | { kind: 'dispatch' }
  | { kind: 'action'; order: WorkOrderView; action: WorkOrderAction }
  | { kind: 'charge'; order: WorkOrderView }
  | { kind: 'assign'; order: WorkOrderView }
  | null;

function CaseView({ detail, workOrderId, backButton, onChanged, onReload }: ViewProps) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const { actor, may } = useActor();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busyAction, setBusyAction] = useState<string | null>(null);
  const c = detail.case;
  const closed = c.status === 'closed';
  const actions = may('case_edit') ? caseActions(c, detail.work_orders, actor) : [];
  const locale = i18n.language;

  useEffect(() => {
    if (workOrderId === null) return;
    const timer = setTimeout(
      () => document.getElementById(`work-order-${workOrderId}`)?.scrollIntoView?.({ block: 'center', behavior: 'smooth' }),
      50,
    );
    return () => clearTimeout(timer);
  }, [workOrderId]);

  /** Runs a work-order move at once (no text needed) or opens the dialog asking for it. */
  const startAction = async (order: WorkOrderView, action: WorkOrderAction) => {
    if (ACTION_NEEDS[action]) {
      setDialog({ kind: 'action', order, action });
      return;
    }
    const to = targetOf(action, order);
    if (!to) return;
    setBusyAction(`${order.id}-${action}`);
    try {
      onChanged(await call('work_order_transition', { id: order.id, version: order.version, to, result: null, reason: null }));
      void message.success(t(`desk.case.done.${action}`));
    } catch (reason) {
      showRefusal(reason);
    } finally {
      setBusyAction(null);
    }
  };

  /** A refusal from the core: its translated message when it has one. */
  const showRefusal = (reason: unknown) => {
    const error = toApiError(reason);
    if (error.code === 'conflict') {
      void message.warning({ content: <span data-testid="error-toast">{t('error.conflict')}</span> });
      onReload();
    } else if (error.message && error.code !== 'internal' && error.code !== 'database') {
      void message.error({ content: <span data-testid="error-toast">{error.message}</span> });
    } else toast(reason);
  };

  const pending = detail.follow_ups.find((f) => f.status === 'pending') ?? null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="case-screen">
      {closed ? (
        <Alert
          type="info"
          showIcon
          data-testid="case-archived"
          title={t('desk.case.archived', { at: formatDateTime(c.closed_at, locale) })}
        />
      ) : null}
      <Card
        title={
          <Space wrap>
            {backButton}
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="case-number">
              {c.number}
            </Typography.Text>
            <Typography.Text style={{ fontSize: 16 }} data-testid="case-title">
              {c.title}
            </Typography.Text>
          </Space>
        }
        extra={
          <Space wrap>
            {!closed ? <ConfirmationButton subject="case" id={c.id} testId="case-confirmation" /> : null}
            {actions.includes('edit') ? (
              <Button icon={<EditOutlined />} data-testid="case-edit" onClick={() => setDialog({ kind: 'edit' })}>
                {t('common.edit')}
              </Button>
            ) : null}
            {actions.includes('handover') ? (
              <Button icon={<UserSwitchOutlined />} data-testid="case-handover" onClick={() => setDialog({ kind: 'handover' })}>
                {t('desk.case.handover')}
              </Button>
            ) : null}
            {actions.includes('resolve') ? (
              <Button icon={<CheckOutlined />} data-testid="case-resolve" onClick={() => setDialog({ kind: 'resolve' })}>
                {t('desk.case.resolve')}
              </Button>
            ) : null}
            {actions.includes('dispatch') && may('work_order_dispatch') ? (
              <Button type="primary" icon={<SendOutlined />} data-testid="dispatch-open" onClick={() => setDialog({ kind: 'dispatch' })}>
                {t('desk.case.dispatch')}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="case-header">
          <Descriptions.Item label={t('desk.field.status')}>
            <span data-testid="case-status" data-status={c.status}>
              <StatusTag status={c.status} />
            </span>
            {c.reopen_count > 0 ? <Tag color="red">{t('desk.case.reopened', { count: c.reopen_count })}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.field.kind')}>
            <span data-testid="case-kind">{t(`desk.kind.${c.kind}`)}</span>
            {c.consultation_topic ? (
              <Tag color="geekblue" style={{ marginInlineStart: 8 }} data-testid="case-topic" data-topic={c.consultation_topic}>
                {t(`enum.consultation_topic.${c.consultation_topic}`)}
              </Tag>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.field.priority')}>
            <PriorityTag priority={c.priority} />
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.field.channel')}>{t(`desk.channel.${c.channel}`)}</Descriptions.Item>
          <Descriptions.Item label={t('desk.field.owner')}>
            <span data-testid="case-owner">{c.owner_name}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.field.received')}>
            {t('desk.case.received_by_at', { name: c.received_by_name, at: formatDateTime(c.received_at, locale) })}
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.due.response')}>
            <DueTime due={c.response_due_at} settled={Boolean(c.responded_at) || closed} />
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.due.completion')}>
            <DueTime due={c.completion_due_at} settled={Boolean(c.completed_at) || closed} />
          </Descriptions.Item>
          <Descriptions.Item label={t('desk.field.escalation')}>
            <span data-testid="case-escalation" data-level={c.escalation_level}>
              <Tag color={c.escalation_level > 0 ? 'red' : 'default'}>{t(`desk.escalation.${c.escalation_level}`)}</Tag>
            </span>
            {c.overdue && c.due_at && !closed ? <OverdueTag due={c.due_at} /> : null}
          </Descriptions.Item>
          {c.satisfaction ? (
            <Descriptions.Item label={t('desk.satisfaction.label')}>
              <Satisfaction readOnly value={c.satisfaction} />
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16, marginBottom: 0 }} data-testid="case-description">
          {c.description}
        </Typography.Paragraph>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card title={t('desk.case.work_orders')} size="small" data-testid="work-orders">
              {detail.work_orders.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.case.no_work_orders')} />
              ) : (
                <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
                  {detail.work_orders.map((order) => (
                    <WorkOrderCard
                      key={order.id}
                      order={order}
                      selected={order.id === workOrderId}
                      actions={may('work_order_work') || may('work_order_dispatch') ? workOrderActions(order, actor, c.owner_id, c.status) : []}
                      busyAction={busyAction}
                      canCharge={!closed && may('work_order_work') && order.status !== 'cancelled' && order.status !== 'verified'}
                      onAction={(action) => void startAction(order, action)}
                      onCharge={() => setDialog({ kind: 'charge', order })}
                      canAssign={!closed && (actor.role === 'manager' || actor.role === 'desk') && !['done', 'verified', 'cancelled'].includes(order.status)}
                      onAssign={() => setDialog({ kind: 'assign', order })}
                    />
                  ))}
                </Space>
              )}
            </Card>
            {pending || detail.follow_ups.length ? (
              <FollowUpPanel
                followUp={pending ?? detail.follow_ups[detail.follow_ups.length - 1]}
                canRecord={!closed && Boolean(pending) && may('follow_up_record')}
                onChanged={onChanged}
                onRefused={showRefusal}
              />
            ) : null}
            <Card title={t('desk.timeline.title')} size="small">
              <CaseTimeline events={detail.timeline.map(toTimelineEvent(detail, t))} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <CustomerCard c={c} canChangeContact={!closed && may('case_edit') && (actor.role === 'desk' || actor.role === 'manager' || actor.id === c.owner_id)} onChanged={onChanged} />
            {showsKnowledge(c) ? <KnowledgePanel c={c} canUse={!closed && may('case_edit')} onChanged={onChanged} /> : null}
            <AttachmentsCard detail={detail} canAdd={!closed && may('attachment_add')} onAdded={onReload} />
          </Space>
        </Col>
      </Row>

      {dialog?.kind === 'edit' ? (
        <EditModal c={c} onClose={() => setDialog(null)} onSaved={onChanged} onReload={onReload} />
      ) : null}
      {dialog?.kind === 'handover' ? <HandoverModal c={c} onClose={() => setDialog(null)} onSaved={onChanged} /> : null}
      {dialog?.kind === 'resolve' ? <ResolveModal c={c} onClose={() => setDialog(null)} onSaved={onChanged} /> : null}
      {dialog?.kind === 'dispatch' ? <DispatchModal c={c} onClose={() => setDialog(null)} onSaved={onChanged} /> : null}
      {dialog?.kind === 'action' ? (
        <ActionModal order={dialog.order} action={dialog.action} onClose={() => setDialog(null)} onSaved={onChanged} />
      ) : null}
      {dialog?.kind === 'assign' ? <AssignModal order={dialog.order} language={c.language} onClose={() => setDialog(null)} onSaved={onChanged} /> : null}
      {dialog?.kind === 'charge' ? <ChargeModal order={dialog.order} onClose={() => setDialog(null)} onSaved={onChanged} /> : null}
    </Space>
  );
}

/**
 * The core's timeline entries as the timeline shows them: work orders by number, field
 * changes as from → to, escalation levels and handovers in words, the follow-up score.
 */
export function toTimelineEvent(detail: CaseDetail, t: TFunction) {
  return (entry: CaseDetail['timeline'][number]): TimelineEvent => {
    const data = (entry.data ?? {}) as Record<string, unknown>;
    const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
    const changes = Array.isArray(data.changes)
      ? (data.changes as Array<Record<string, unknown>>).map((change) => ({
          field: String(change.field),
          from: text(change.from ?? change.old),
          to: text(change.to ?? change.new),
        }))
      : [];
    let from = text(data.from);
    let to = text(data.to);
    if (entry.kind === 'escalated') {
      changes.push({
        field: 'escalation_level',
        from: t(`desk.escalation.${from ?? 0}`),
        to: t(`desk.escalation.${to ?? 0}`),
      });
      from = to = null;
    } else if (entry.kind === 'handed_over') {
      from = to = null; // staff ids: the note says why, the header who owns it now
    }
    const score = typeof data.satisfaction === 'number' ? data.satisfaction : typeof data.score === 'number' ? data.score : null;
    return {
      id: entry.id,
      kind: entry.kind,
      at: entry.at,
      staff_name: entry.staff_name,
      work_order_id: entry.work_order_id,
      work_order_label: entry.work_order_id ? detail.work_orders.find((w) => w.id === entry.work_order_id)?.number : null,
      note: entry.note,
      data: { from, to, changes, score },
    };
  };
}

function CustomerCard({ c, canChangeContact, onChanged }: { c: CaseView; canChangeContact: boolean; onChanged: (d: CaseDetail) => void }) {
  const { t } = useTranslation();
  const [changing, setChanging] = useState(false);
  const language = c.language;
  return (
    <Card title={t('desk.case.customer')} size="small" data-testid="case-customer">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('desk.field.customer')}>
          {c.customer_id ? (
            <RouteLink to={{ name: 'customer', params: { id: c.customer_id } }} testId="case-customer-link">
              {c.customer_name}
            </RouteLink>
          ) : (
            <Typography.Text type="secondary">{t('desk.case.unknown_caller')}</Typography.Text>
          )}
        </Descriptions.Item>
        {c.unit_label ? <Descriptions.Item label={t('desk.field.unit')}>{c.unit_label}</Descriptions.Item> : null}
        {c.caller_name ? <Descriptions.Item label={t('desk.intake.caller_name')}>{c.caller_name}</Descriptions.Item> : null}
        {c.caller_phone ? (
          <Descriptions.Item label={t('desk.intake.caller_phone')}>
            <PhoneOutlined /> {c.caller_phone}
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('desk.intake.language')}>
          <Tag color={isChinese(language) ? 'default' : 'volcano'} icon={isChinese(language) ? null : <GlobalOutlined />} data-testid="case-language">
            {t(`language.${language}`, { defaultValue: language })}
          </Tag>
        </Descriptions.Item>
        {languageContactItem(t, c, canChangeContact ? () => setChanging(true) : null)}
      </Descriptions>
      {changing ? <ContactModal c={c} onClose={() => setChanging(false)} onSaved={onChanged} /> : null}
    </Card>
  );
}

type WorkOrderCardProps = {
  order: WorkOrderView;
  selected: boolean;
  actions: WorkOrderAction[];
  busyAction: string | null;
  canCharge: boolean;
  onAction: (action: WorkOrderAction) => void;
  onCharge: () => void;
  canAssign: boolean;
  onAssign: () => void;
};

const DANGER: WorkOrderAction[] = ['cancel', 'send-back'];
/** Prints the work-order slip: the core renders the PDF, the shell saves (and opens) it. */
function SlipButton({ workOrderId, testId }: { workOrderId: number; testId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setBusy(true);
    try {
      const doc = await call('work_order_slip', {
        work_order_id: workOrderId,
        utc_offset_minutes: -new Date().getTimezoneOffset(),
      });
      const path = await saveDocument(doc.file_name, doc.base64);
      void message.success(t('desk.slip.saved', { path }));
    } catch (reason) {
      void message.error(toApiError(reason).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" loading={busy} data-testid={testId} onClick={() => void print()}>
      {t('desk.slip.print')}
    </Button>
  );
}

const PRIMARY: WorkOrderAction[] = ['dispatch', 'accept', 'start', 'done', 'verify', 'resume'];

function WorkOrderCard({ order, selected, actions, busyAction, canCharge, onAction, onCharge, canAssign, onAssign }: WorkOrderCardProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const n = order.number;
  const settled = order.status === 'done' || order.status === 'verified' || order.status === 'cancelled';
  const totalCents = order.charges.reduce((sum, charge) => sum + BigInt(charge.amount_cents), 0n);
  return (
    <Card
      id={`work-order-${order.id}`}
      size="small"
      className={`steward-wo-card${selected ? ' is-selected' : ''}${order.overdue && !settled ? ' is-overdue' : ''}`}
      data-testid={`wo-${n}`}
      title={
        <Space wrap>
          <RouteLink to={{ name: 'case_work_order', params: { caseId: order.case_id, id: order.id } }} testId={`wo-${n}-link`}>
            {n}
          </RouteLink>
          <span data-testid={`wo-${n}-status`} data-status={order.status}>
            <StatusTag status={order.status} of="work_order" />
          </span>
          <PriorityTag priority={order.priority} />
          {order.escalation_level > 0 ? <Tag color="red">{t(`desk.escalation.${order.escalation_level}`)}</Tag> : null}
        </Space>
      }
      extra={
        <Space wrap size={4}>
          <SlipButton workOrderId={order.id} testId={`wo-${n}-slip`} />
          {/* A confirmation tells the customer when someone comes: only while the order is open. */}
          {!settled ? <ConfirmationButton subject="work_order" id={order.id} testId={`wo-${n}-confirmation`} small /> : null}
          {actions.map((action) => (
            <Button
              key={action}
              size="small"
              type={PRIMARY.includes(action) ? 'primary' : 'default'}
              danger={DANGER.includes(action)}
              loading={busyAction === `${order.id}-${action}`}
              data-testid={`wo-${n}-${action}`}
              onClick={() => onAction(action)}
            >
              {t(`desk.wo_action.${action}`)}
            </Button>
          ))}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('desk.field.department')}>
          {order.department ? t(`enum.department.${order.department}`) : t('common.none')}
        </Descriptions.Item>
        {order.supplier_name ? <Descriptions.Item label={t('desk.field.supplier')}>{order.supplier_name}</Descriptions.Item> : null}
        <Descriptions.Item label={t('desk.field.assignee')}>
          <Space size={4}>
            <span data-testid={`wo-${n}-assignee`}>{order.assignee_name ?? t('desk.case.unassigned')}</span>
            {canAssign ? (
              <Button size="small" type="link" data-testid={`wo-${n}-assign`} onClick={onAssign}>
                {t('desk.case.assign')}
              </Button>
            ) : null}
          </Space>
        </Descriptions.Item>
        {/* Without a supplier the due time ends a row of its own, so the instructions start a new one. */}
        <Descriptions.Item label={t('desk.field.due')} span={order.supplier_name ? 1 : 2}>
          <DueTime due={order.due_at} settled={settled} />
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.field.instructions')} span={2}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{order.instructions}</span>
        </Descriptions.Item>
        {order.result ? (
          <Descriptions.Item label={t('desk.field.result')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }} data-testid={`wo-${n}-result`}>
              {order.result}
            </span>
          </Descriptions.Item>
        ) : null}
        {order.reason && (order.status === 'paused' || order.status === 'cancelled' || order.status === 'in_progress') ? (
          <Descriptions.Item label={t('desk.field.reason')} span={2}>
            <span data-testid={`wo-${n}-reason`}>{order.reason}</span>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      {order.charges.length || canCharge ? (
        <div data-testid={`wo-${n}-charges`}>
          <Space style={{ width: '100%', justifyContent: 'space-between', margin: '8px 0' }}>
            <Typography.Text strong>{t('desk.charge.title')}</Typography.Text>
            {canCharge ? (
              <Button size="small" icon={<PlusOutlined />} data-testid={`wo-${n}-charge-add`} onClick={onCharge}>
                {t('desk.charge.add')}
              </Button>
            ) : null}
          </Space>
          {order.charges.length ? (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={order.charges}
              columns={[
                { title: t('desk.charge.kind'), dataIndex: 'kind', render: (kind: ChargeKind) => t(`desk.charge_kind.${kind}`) },
                { title: t('desk.charge.description'), dataIndex: 'description' },
                {
                  title: t('desk.charge.quantity'),
                  dataIndex: 'quantity',
                  align: 'right',
                  render: (q: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(q as unknown as number),
                },
                {
                  title: t('desk.charge.unit_price'),
                  dataIndex: 'unit_price',
                  align: 'right',
                  render: (_: string, row) => <Money cents={priceCents(row.unit_price)} />,
                },
                { title: t('desk.charge.amount'), dataIndex: 'amount_cents', align: 'right', render: (cents: number) => <Money cents={cents} /> },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={4}>
                    <Typography.Text strong>{t('desk.charge.total')}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <span data-testid={`wo-${n}-charges-total`}>
                      <Money cents={totalCents} />
                    </span>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

/** "80.5" → 8050n: a price string from the core in integer cents (no float). */
function priceCents(price: string): bigint {
  return chargeAmountCents('1', price) ?? 0n;
}

function FollowUpPanel({
  followUp,
  canRecord,
  onChanged,
  onRefused,
}: {
  followUp: FollowUpView;
  canRecord: boolean;
  onChanged: (detail: CaseDetail) => void;
  onRefused: (reason: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { may } = useActor();
  const settings = useCommand('desk_settings_get', null, { enabled: may('case_read'), staleTime: 60_000 });
  const unreachableAfter = settings.data?.settings.unreachable_after ?? 3;
  const [mode, setMode] = useState<'attempt' | 'unreachable' | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [remark, setRemark] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const save = async () => {
    if (!score) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(
        await call('follow_up_record', {
          follow_up_id: followUp.id,
          version: followUp.version,
          satisfaction: score,
          remark: remark.trim() || null,
        }),
      );
      setScore(null);
      setRemark('');
    } catch (reason) {
      setError(toApiError(reason));
      onRefused(reason);
    } finally {
      setBusy(false);
    }
  };
  const missingRemark = remarkRequired(score) && !remark.trim();

  return (
    <Card
      size="small"
      title={
        <Space>
          {t('desk.follow_up.title')}
          <Tag color={followUp.status === 'pending' ? 'gold' : followUp.status === 'done' ? 'green' : 'default'}>
            {t(`desk.follow_up_status.${followUp.status}`)}
          </Tag>
        </Space>
      }
      data-testid="follow-up-panel"
      extra={
        <Space size={4}>
          <Tag color={isChinese(followUp.language) ? 'default' : 'volcano'}>
            {t('desk.follow_up.call_in', { language: t(`language.${followUp.language}`, { defaultValue: followUp.language }) })}
          </Tag>
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('desk.field.due')}>
          <DueTime due={followUp.due_at} settled={followUp.status !== 'pending'} />
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.follow_up.attempts')}>
          <span data-testid="follow-up-attempts">{new Intl.NumberFormat(locale).format(followUp.attempts)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('desk.field.owner')}>
          <span data-testid="follow-up-owner">{followUp.owner_name}</span>
          {followUp.by_speaker === false ? (
            <Tag color="warning" style={{ marginInlineStart: 8 }} data-testid="follow-up-not-by-speaker">
              {t('desk.follow_up.not_by_speaker')}
            </Tag>
          ) : null}
        </Descriptions.Item>
        {followUp.satisfaction ? (
          <Descriptions.Item label={t('desk.satisfaction.label')}>
            <Satisfaction readOnly value={followUp.satisfaction} />
          </Descriptions.Item>
        ) : null}
        {followUp.remark ? <Descriptions.Item label={t('desk.follow_up.remark')}>{followUp.remark}</Descriptions.Item> : null}
      </Descriptions>
      {followUp.attempt_log.length ? (
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={followUp.attempt_log}
          style={{ marginBottom: 12 }}
          columns={[
            { title: t('desk.follow_up.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, locale) },
            { title: t('desk.follow_up.by'), dataIndex: 'staff_name' },
            { title: t('desk.follow_up.outcome'), dataIndex: 'outcome', render: (o: AttemptOutcome) => t(`desk.attempt_outcome.${o}`) },
            { title: t('desk.follow_up.next_at'), dataIndex: 'next_at', render: (at: string | null) => formatDateTime(at, locale) },
            { title: t('desk.follow_up.note'), dataIndex: 'note' },
          ]}
        />
      ) : null}
      {canRecord ? (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <FormError error={error} />
          <Space wrap>
            <Typography.Text strong>{t('desk.follow_up.score')}</Typography.Text>
            {[1, 2, 3, 4, 5].map((value) => (
              <Button
                key={value}
                type={score === value ? 'primary' : 'default'}
                danger={value <= 2 && score === value}
                data-testid={`follow-up-score-${value}`}
                aria-pressed={score === value}
                onClick={() => setScore(value)}
              >
                {`${value} · ${t(`desk.satisfaction.${value}`)}`}
              </Button>
            ))}
          </Space>
          {score !== null && score <= 2 ? (
            <Alert type="warning" showIcon title={t('desk.follow_up.reopens')} data-testid="follow-up-reopens" />
          ) : null}
          <Input.TextArea
            value={remark}
            onChange={(event) => setRemark(event.target.value)}
            placeholder={remarkRequired(score) ? t('desk.follow_up.remark_required') : t('desk.follow_up.remark')}
            aria-label={t('desk.follow_up.remark')}
            status={missingRemark ? 'error' : undefined}
            autoSize={{ minRows: 2, maxRows: 6 }}
            data-testid="follow-up-remark"
          />
          <Space wrap>
            <Button type="primary" disabled={!score || missingRemark} loading={busy} data-testid="follow-up-save" onClick={() => void save()}>
              {t('desk.follow_up.save')}
            </Button>
            <Button icon={<PhoneOutlined />} data-testid="follow-up-attempt" onClick={() => setMode('attempt')}>
              {t('desk.follow_up.attempt')}
            </Button>
            {followUp.attempts >= unreachableAfter ? (
              <Button danger data-testid="follow-up-unreachable" onClick={() => setMode('unreachable')}>
                {t('desk.follow_up.unreachable')}
              </Button>
            ) : null}
          </Space>
        </Space>
      ) : null}
      {mode === 'attempt' ? <AttemptModal followUp={followUp} onClose={() => setMode(null)} onSaved={onChanged} /> : null}
      {mode === 'unreachable' ? <UnreachableModal followUp={followUp} onClose={() => setMode(null)} onSaved={onChanged} /> : null}
    </Card>
  );
}

type ModalProps = { onClose: () => void; onSaved: (detail: CaseDetail) => void };

/** A modal around a command form: OK submits, the result goes to onSaved, errors stay on the form. */
function CommandModal<V>({
  title,
  testId,
  okTestId,
  okText,
  form,
  onClose,
  children,
  onReload,
}: {
  title: string;
  testId: string;
  okTestId: string;
  okText?: string;
  form: ReturnType<typeof useCommandForm<V, CaseDetail>>;
  onClose: () => void;
  children: ReactNode;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      destroyOnHidden
      data-testid={testId}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button key="ok" type="primary" loading={form.busy} data-testid={okTestId} onClick={() => form.form.submit()}>
          {okText ?? t('common.save')}
        </Button>,
      ]}
    >
      <FormError error={form.error} details={form.details} onReload={onReload} />
      <Form<V> form={form.form} layout="vertical" onFinish={form.onFinish} requiredMark={false}>
        {children}
      </Form>
    </Modal>
  );
}

type EditValues = Pick<CaseView, 'kind' | 'channel' | 'priority' | 'title' | 'description' | 'caller_name' | 'caller_phone' | 'consultation_topic'>;

function EditModal({ c, onClose, onSaved, onReload }: ModalProps & { c: CaseView; onReload: () => void }) {
  const { t } = useTranslation();
  const form = useCommandForm<EditValues, CaseDetail>({
    fieldPrefix: 'case',
    submit: (values) =>
      call('case_edit', {
        id: c.id,
        version: c.version,
        kind: values.kind,
        channel: values.channel,
        priority: values.priority,
        title: values.title.trim(),
        description: values.description.trim(),
        customer_id: c.customer_id,
        unit_id: c.unit_id,
        caller_name: values.caller_name?.trim() || null,
        caller_phone: values.caller_phone?.trim() || null,
        language: c.language,
        consultation_topic: values.kind === 'inquiry' ? (values.consultation_topic ?? null) : null,
      }),
    successMessage: t('common.saved'),
    onSuccess: (detail) => {
      onSaved(detail);
      onClose();
    },
  });
  return (
    <CommandModal title={t('desk.case.edit_title', { number: c.number })} testId="case-edit-form" okTestId="case-edit-save" form={form} onClose={onClose} onReload={() => { onReload(); onClose(); }}>
      <Form.Item name="kind" label={t('desk.field.kind')} initialValue={c.kind}>
        <Select data-testid="case-edit-kind" options={CASE_KINDS.map((k) => ({ value: k, label: t(`desk.kind.${k}`) }))} />
      </Form.Item>
      <Form.Item noStyle dependencies={['kind']}>
        {({ getFieldValue }) =>
          getFieldValue('kind') === 'inquiry' ? (
            <Form.Item name="consultation_topic" label={t('desk.intake.consultation_topic')} initialValue={c.consultation_topic ?? undefined}>
              <Select allowClear data-testid="case-edit-topic" options={enumOptions(t, 'consultation_topic', VOCABULARIES.consultation_topic)} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Space style={{ width: '100%' }} size="middle">
        <Form.Item name="channel" label={t('desk.field.channel')} initialValue={c.channel}>
          <Select style={{ minWidth: 180 }} options={CHANNELS.map((k) => ({ value: k, label: t(`desk.channel.${k}`) }))} />
        </Form.Item>
        <Form.Item name="priority" label={t('desk.field.priority')} initialValue={c.priority}>
          <Select data-testid="case-edit-priority" style={{ minWidth: 180 }} options={PRIORITIES.map((k) => ({ value: k, label: t(`desk.priority.${k}`) }))} />
        </Form.Item>
      </Space>
      <Form.Item name="title" label={t('desk.field.title')} initialValue={c.title} rules={[{ required: true, message: t('validation.required') }]}>
        <Input data-testid="case-edit-title" maxLength={200} />
      </Form.Item>
      <Form.Item name="description" label={t('desk.field.description')} initialValue={c.description} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} data-testid="case-edit-description" />
      </Form.Item>
      {c.customer_id === null ? (
        <Space style={{ width: '100%' }} size="middle">
          <Form.Item name="caller_name" label={t('desk.intake.caller_name')} initialValue={c.caller_name}>
            <Input />
          </Form.Item>
          <Form.Item name="caller_phone" label={t('desk.intake.caller_phone')} initialValue={c.caller_phone}>
            <Input inputMode="tel" />
          </Form.Item>
        </Space>
      ) : null}
    </CommandModal>
  );
}

function HandoverModal({ c, onClose, onSaved }: ModalProps & { c: CaseView }) {
  const { t } = useTranslation();
  const form = useCommandForm<{ to_staff_id: number; reason: string }, CaseDetail>({
    submit: (values) => call('case_handover', { id: c.id, version: c.version, to_staff_id: values.to_staff_id, reason: values.reason.trim() }),
    successMessage: t('desk.case.handed_over'),
    onSuccess: (detail) => {
      onSaved(detail);
      onClose();
    },
  });
  return (
    <CommandModal title={t('desk.case.handover_title', { name: c.owner_name })} testId="handover-form" okTestId="handover-save" okText={t('desk.case.handover')} form={form} onClose={onClose}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('desk.case.handover_hint')} />
      <Form.Item name="to_staff_id" label={t('desk.case.handover_to')} rules={[{ required: true, message: t('validation.required') }]}>
        <StaffSelect testId="handover-to" />
      </Form.Item>
      <Form.Item name="reason" label={t('desk.field.reason')} rules={[{ required: true, whitespace: true, message: t('desk.case.reason_required') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} data-testid="handover-reason" />
      </Form.Item>
    </CommandModal>
  );
}

function ResolveModal({ c, onClose, onSaved }: ModalProps & { c: CaseView }) {
  const { t } = useTranslation();
  const form = useCommandForm<{ resolution: string }, CaseDetail>({
    submit: (values) => call('case_resolve', { id: c.id, version: c.version, resolution: values.resolution.trim() }),
    successMessage: t('desk.case.resolved'),
    onSuccess: (detail) => {
      onSaved(detail);
      onClose();
    },
  });
  return (
    <CommandModal title={t('desk.case.resolve_title')} testId="resolve-form" okTestId="action-confirm" okText={t('desk.case.resolve')} form={form} onClose={onClose}>
      <Typography.Paragraph type="secondary">{t('desk.case.resolve_hint')}</Typography.Paragraph>
      <Form.Item name="resolution" label={t('desk.case.resolution')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="reason-input" autoFocus />
      </Form.Item>
    </CommandModal>
  );
}

type DispatchValues = {
  department?: Department;
  supplier_id?: number;
  assignee_id?: number;
  instructions: string;
  priority: CaseView['priority'];
  due_at?: Dayjs | null;
};

function DispatchModal({ c, onClose, onSaved }: ModalProps & { c: CaseView }) {
  const { t } = useTranslation();
  const form = useCommandForm<DispatchValues, CaseDetail>({
    submit: (values) =>
      call('work_order_dispatch', {
        case_id: c.id,
        department: values.department ?? null,
        supplier_id: values.supplier_id ?? null,
        assignee_id: values.assignee_id ?? null,
        instructions: values.instructions.trim(),
        priority: values.priority,
        due_at: values.due_at ? values.due_at.toDate().toISOString() : null,
        draft: false,
      }),
    successMessage: t('desk.case.dispatched'),
    onSuccess: (detail) => {
      onSaved(detail);
      onClose();
    },
  });
  const department = Form.useWatch('department', form.form);
  return (
    <CommandModal title={t('desk.case.dispatch_title', { number: c.number })} testId="dispatch-form" okTestId="dispatch-save" okText={t('desk.case.dispatch')} form={form} onClose={onClose}>
      <Form.Item
        name="department"
        label={t('desk.field.department')}
        dependencies={['supplier_id']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              value || getFieldValue('supplier_id') ? Promise.resolve() : Promise.reject(new Error(t('desk.case.needs_department'))),
          }),
        ]}
      >
        <Select
          allowClear
          data-testid="dispatch-department"
          options={enumOptions(t, 'department', WORK_DEPARTMENTS, 'dispatch-department-option')}
          onChange={() => form.form.setFieldValue('assignee_id', undefined)}
        />
      </Form.Item>
      <Form.Item name="supplier_id" label={t('desk.field.supplier')}>
        <SupplierSelect testId="dispatch-supplier" />
      </Form.Item>
      <Form.Item name="assignee_id" label={t('desk.field.assignee')}>
        <StaffSelect testId="dispatch-assignee" department={department ?? null} language={c.language} />
      </Form.Item>
      <Form.Item name="instructions" label={t('desk.field.instructions')} initialValue={c.description} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="dispatch-instructions" />
      </Form.Item>
      <Space size="middle" wrap>
        <Form.Item name="priority" label={t('desk.field.priority')} initialValue={c.priority}>
          <Select style={{ minWidth: 160 }} data-testid="dispatch-priority" options={PRIORITIES.map((k) => ({ value: k, label: t(`desk.priority.${k}`) }))} />
        </Form.Item>
        <Form.Item name="due_at" label={t('desk.field.due')} extra={t('desk.case.due_default')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="dispatch-due" />
        </Form.Item>
      </Space>
    </CommandModal>
  );
}

function ActionModal({ order, action, onClose, onSaved }: ModalProps & { order: WorkOrderView; action: WorkOrderAction }) {
  const { t } = useTranslation();
  const needs = ACTION_NEEDS[action];
  const form = useCommandForm<{ text: string }, CaseDetail>({
    submit: (values) =>
      call('work_order_transition', {
        id: order.id,
        version: order.version,
        to: targetOf(action, order)!,
        result: needs === 'result' ? values.text.trim() : null,
        reason: needs === 'reason' ? values.text.trim() : null,
      }),
    successMessage: t(`desk.case.done.${action}`),
    onSuccess: (detail) => {
      onSaved(detail);
      onClose();
    },
  });
  return (
    <CommandModal
      title={t('desk.case.action_title', { action: t(`desk.wo_action.${action}`), number: order.number })}
      testId="action-form"
      okTestId="action-confirm"
      okText={t(`desk.wo_action.${action}`)}
      form={form}
      onClose={onClose}
    >
      <Form.Item
        name="text"
        label={needs === 'result' ? t('desk.field.result') : t('desk.field.reason')}
        rules={[{ required: true, whitespace: true, message: needs === 'result' ? t('desk.case.result_required') : t('desk.case.reason_required') }]}
      >
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid={needs === 'result' ? 'wo-result' : 'reason-input'} autoFocus />
      </Form.Item>
    </CommandModal>
  );
}

function AssignModal({ order, language, onClose, onSaved }: ModalProps & { order: WorkOrderView; language: string }) {
  const { t } = useTranslation();
  const form = useCommandForm<{ assignee_id?: number }, CaseDetail>({
    submit: (values) => call('work_order_assign', { id: order.id, version: order.version, assignee_id: values.assignee_id ?? null }),
    successMessage: t('common.saved'),
    onSuccess: (detail) => {
      onSaved(detail);
      onClose();
    },
  });
  return (
    <CommandModal title={t('desk.case.assign_title', { number: order.number })} testId="assign-form" okTestId="assign-save" form={form} onClose={onClose}>
      <Form.Item name="assignee_id" label={t('desk.field.assignee')} initialValue={order.assignee_id ?? undefined}>
        <StaffSelect testId="assign-to" department={order.department} language={language} />
      </Form.Item>
    </CommandModal>
  );
}

type ChargeValues = { kind: ChargeKind; description: string; quantity: string; unit_price: string };

function ChargeModal({ order, onClose, onSaved }: ModalProps & { order: WorkOrderView }) {
  const { t } = useTranslation();
  const form = useCommandForm<ChargeValues, CaseDetail>({
    submit: (values) =>
      call('work_order_charge_add', {
        work_order_id: order.id,
        kind: values.kind,
        description: values.description.trim(),
        quantity: values.quantity.trim(),
        unit_price: values.unit_price.trim(),
      }),
    successMessage: t('common.saved'),
    onSuccess: (detail) => {
      onSaved(detail);
      onClose();
    },
  });
  const quantity = Form.useWatch('quantity', form.form) ?? '';
  const unitPrice = Form.useWatch('unit_price', form.form) ?? '';
  const amount = chargeAmountCents(String(quantity), String(unitPrice));
  return (
    <CommandModal title={t('desk.charge.add_title', { number: order.number })} testId="charge-form" okTestId="charge-save" form={form} onClose={onClose}>
      <Form.Item name="kind" label={t('desk.charge.kind')} initialValue="labour">
        <Select data-testid="charge-kind" options={CHARGE_KINDS.map((k) => ({ value: k, label: t(`desk.charge_kind.${k}`) }))} />
      </Form.Item>
      <Form.Item name="description" label={t('desk.charge.description')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input data-testid="charge-description" />
      </Form.Item>
      <Space size="middle" wrap>
        <Form.Item
          name="quantity"
          label={t('desk.charge.quantity')}
          initialValue="1"
          rules={[{ pattern: /^\d+(\.\d{1,3})?$/, message: t('desk.charge.quantity_format') }]}
        >
          <Input inputMode="decimal" style={{ width: 140 }} data-testid="charge-quantity" />
        </Form.Item>
        <Form.Item
          name="unit_price"
          label={t('desk.charge.unit_price')}
          rules={[
            { required: true, message: t('validation.required') },
            { pattern: /^\d+(\.\d{1,2})?$/, message: t('desk.charge.price_format') },
          ]}
        >
          <Input inputMode="decimal" style={{ width: 160 }} data-testid="charge-unit-price" />
        </Form.Item>
        <Form.Item label={t('desk.charge.amount')}>
          <Typography.Text strong data-testid="charge-amount">
            {amount === null ? t('common.none') : <Money cents={amount} />}
          </Typography.Text>
        </Form.Item>
      </Space>
    </CommandModal>
  );
}

function AttemptModal({ followUp, onClose, onSaved }: ModalProps & { followUp: FollowUpView }) {
  const { t } = useTranslation();
  const form = useCommandForm<{ outcome: AttemptOutcome; next_at?: Dayjs | null; note?: string }, CaseDetail>({
    submit: (values) =>
      call('follow_up_attempt', {
        follow_up_id: followUp.id,
        version: followUp.version,
        outcome: values.outcome,
        next_at: values.next_at ? values.next_at.toDate().toISOString() : null,
        note: values.note?.trim() ?? '',
      }),
    successMessage: t('common.saved'),
    onSuccess: (detail) => {
      onSaved(detail);
      onClose();
    },
  });
  return (
    <CommandModal title={t('desk.follow_up.attempt')} testId="attempt-form" okTestId="attempt-save" form={form} onClose={onClose}>
      <Form.Item name="outcome" label={t('desk.follow_up.outcome')} initialValue="no_answer">
        <Select
          data-testid="attempt-outcome"
          options={ATTEMPT_OUTCOMES.filter((o) => o !== 'reached').map((o) => ({ value: o, label: t(`desk.attempt_outcome.${o}`), 'data-testid': `attempt-outcome-option-${o}` }))}
        />
      </Form.Item>
      <Form.Item name="next_at" label={t('desk.follow_up.next_at')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="attempt-next-at" />
      </Form.Item>
      <Form.Item name="note" label={t('desk.follow_up.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="attempt-note" />
      </Form.Item>
    </CommandModal>
  );
}

function UnreachableModal({ followUp, onClose, onSaved }: ModalProps & { followUp: FollowUpView }) {
  const { t } = useTranslation();
  const form = useCommandForm<{ note: string }, CaseDetail>({
    submit: (values) => call('follow_up_close_unreachable', { follow_up_id: followUp.id, version: followUp.version, note: values.note?.trim() ?? '' }),
    successMessage: t('desk.follow_up.closed_unreachable'),
    onSuccess: (detail) => {
      onSaved(detail);
      onClose();
    },
  });
  return (
    <CommandModal title={t('desk.follow_up.unreachable')} testId="unreachable-form" okTestId="action-confirm" okText={t('desk.follow_up.unreachable')} form={form} onClose={onClose}>
      <Typography.Paragraph>{t('desk.follow_up.unreachable_hint', { count: followUp.attempts })}</Typography.Paragraph>
      <Form.Item name="note" label={t('desk.follow_up.note')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} data-testid="reason-input" />
      </Form.Item>
    </CommandModal>
  );
}

function AttachmentsCard({ detail, canAdd, onAdded }: { detail: CaseDetail; canAdd: boolean; onAdded: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const [uploading, setUploading] = useState(false);
  const c = detail.case;

  const upload = async (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      void message.error({ content: <span data-testid="error-toast">{t('desk.attachment.too_large')}</span> });
      return;
    }
    setUploading(true);
    try {
      await call('attachment_add', {
        case_id: c.id,
        work_order_id: null,
        file_name: file.name,
        mime: file.type || 'application/octet-stream',
        content_base64: await fileToBase64(file),
      });
      void message.success(t('desk.attachment.added'));
      onAdded();
    } catch (reason) {
      toast(reason);
    } finally {
      setUploading(false);
    }
  };
  const open = async (id: number) => {
    try {
      const file = await call('attachment_get', { id });
      openBase64(file.file_name, file.mime, file.content_base64);
    } catch (reason) {
      toast(reason);
    }
  };

  return (
    <Card
      size="small"
      title={t('desk.attachment.title')}
      data-testid="case-attachments"
      extra={
        canAdd ? (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<PaperClipOutlined />} loading={uploading} data-testid="attachment-add">
              {t('desk.attachment.add')}
            </Button>
          </Upload>
        ) : null
      }
    >
      {detail.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.attachment.none')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {detail.attachments.map((a) => (
            <div key={a.id} data-testid={`attachment-${a.id}`}>
              <Typography.Link onClick={() => void open(a.id)}>
                <PaperClipOutlined /> {a.file_name}
              </Typography.Link>
              <div>
                <Typography.Text type="secondary">
                  {t('desk.attachment.meta', {
                    size: formatBytes(a.size, i18n.language),
                    name: a.created_by_name,
                    at: formatDateTime(a.created_at, i18n.language),
                  })}
                </Typography.Text>
              </div>
            </div>
          ))}
        </Space>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('desk.attachment.limit')}
      </Typography.Text>
    </Card>
  );
}

