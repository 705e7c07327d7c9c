import { useCallback, useMemo, useState } from 'react';
import { keepPreviousData, useQueries } from '@tanstack/react-query';
import { Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type ApiError, type Department } from '../../lib/backend';
import { commandKey, useCommand, useCommandCache } from '../../shared/hooks';
import { ExportButton } from '../../shared/ExportButton';
import { RouteLink } from '../../shared/RouteLink';
import type { WorkOrderQuery, WorkOrderRow, WorkOrderStatus } from './api';
import { KANBAN_TARGETS, moveNeeds } from './caseActions';
import { WORK_DEPARTMENTS } from './common';
import { KanbanBoard, type KanbanColumn } from './KanbanBoard';
import { DueTime, PriorityTag } from './tags';
import { WORK_ORDER_STATUSES } from './vocab';

const PER_COLUMN = 30;
/** The core's largest page. */
const MAX_PER_COLUMN = 200;

type Ask = { needs: 'reason' | 'result'; card: WorkOrderRow; to: WorkOrderStatus; resolve: (text: string | null) => void };

/** Work orders by status; a drop runs the core's transition and snaps back with its reason when refused. */
export function KanbanScreen() {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const [department, setDepartment] = useState<Department | null>(null);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [form] = Form.useForm<{ text: string }>();
  const counts = useCommand('case_kanban_counts', { owner_id: null, department });
  // "N more" loads the next cards of that column, up to the core's largest page.
  const [shown, setShown] = useState<Partial<Record<WorkOrderStatus, number>>>({});
  const sizeOf = (status: WorkOrderStatus) => shown[status] ?? PER_COLUMN;
  const inputs = WORK_ORDER_STATUSES.map(
    (status): WorkOrderQuery => ({
      status,
      active: null,
      department,
      assignee_id: null,
      unassigned: false,
      supplier_id: null,
      overdue: null,
      page: 1,
      page_size: sizeOf(status),
    }),
  );
  const lists = useQueries({
    queries: inputs.map((input) => ({ queryKey: commandKey('work_order_list', input), queryFn: () => call('work_order_list', input), placeholderData: keepPreviousData })),
  });
  const listData = lists.map((l) => l.data);
  const columns = useMemo((): KanbanColumn<WorkOrderRow>[] => {
    const next = WORK_ORDER_STATUSES.map((status, index) => ({
      key: status,
      title: t(`desk.work_order_status.${status}`),
      cards: listData[index]?.items ?? [],
      total: counts.data?.work_orders.find((c) => c.status === status)?.n ?? listData[index]?.total ?? 0,
      allowedTargets: KANBAN_TARGETS[status],
      limit: sizeOf(status),
      noMore: sizeOf(status) >= MAX_PER_COLUMN,
    }));
    return next;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, counts.data, shown, ...listData]);

  /** Asks for the reason or result a move needs; null when the person cancels. */
  const askText = (needs: 'reason' | 'result', card: WorkOrderRow, to: WorkOrderStatus) =>
    new Promise<string | null>((resolve) => {
      form.resetFields();
      setAsk({ needs, card, to, resolve });
    });

  const onMove = useCallback(
    async (card: WorkOrderRow, toColumn: string, fromColumn: string) => {
      const to = toColumn as WorkOrderStatus;
      const needs = moveNeeds(fromColumn as WorkOrderStatus, to);
      const text = needs ? await askText(needs, card, to) : null;
      if (needs && text === null) {
        const cancelled: ApiError = { code: 'validation', message: t('desk.kanban.move_cancelled'), fields: null };
        throw cancelled;
      }
      try {
        await call('work_order_transition', {
          id: card.id,
          version: card.version,
          to,
          result: needs === 'result' ? text : null,
          reason: needs === 'reason' ? text : null,
        });
      } finally {
        void cache.invalidate('work_order_list');
        void cache.invalidate('case_kanban_counts');
        void cache.invalidate('case_get', { id: card.case_id });
        void cache.invalidate('desk_badges');
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cache, t],
  );

  const close = (text: string | null) => {
    ask?.resolve(text);
    setAsk(null);
  };

  return (
    <Card
      title={t('nav.kanban')}
      data-testid="kanban-screen"
      extra={
        <Space>
        <ExportButton
          target={{ list: 'work_orders', query: { ...inputs[0], status: null, page: 1, page_size: PER_COLUMN } }}
          testId="kanban-export"
        />
        <Select<Department>
          allowClear
          placeholder={t('desk.kanban.all_departments')}
          style={{ width: 200 }}
          value={department ?? undefined}
          onChange={(value) => setDepartment(value ?? null)}
          data-testid="kanban-department"
          options={WORK_DEPARTMENTS.map((d) => ({ value: d, label: t(`enum.department.${d}`), 'data-testid': `kanban-department-option-${d}` }))}
        />
        </Space>
      }
    >
      <KanbanBoard<WorkOrderRow>
        columns={columns}
        cardKey={(card) => card.id}
        cardLabel={(card) => t('desk.kanban.card_label', { number: card.number })}
        onMove={onMove}
        limit={PER_COLUMN}
        onShowMore={(key) => {
          const status = key as WorkOrderStatus;
          setShown((s) => ({ ...s, [status]: Math.min(MAX_PER_COLUMN, sizeOf(status) + PER_COLUMN) }));
        }}
        renderCard={(card) => (
          <Space orientation="vertical" size={2} style={{ width: '100%' }}>
            <Space size={4} wrap>
              <RouteLink to={{ name: 'case_work_order', params: { caseId: card.case_id, id: card.id } }}>{card.number}</RouteLink>
              <PriorityTag priority={card.priority} />
              {card.escalation_level > 0 ? <Tag color="red">{t('desk.list.level', { level: card.escalation_level })}</Tag> : null}
            </Space>
            <Typography.Text ellipsis style={{ maxWidth: 240 }}>
              {card.case_title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[card.department ? t(`enum.department.${card.department}`) : card.supplier_name, card.assignee_name].filter(Boolean).join(' · ')}
            </Typography.Text>
            {card.status !== 'verified' && card.status !== 'cancelled' && card.status !== 'done' ? <DueTime due={card.due_at} stacked /> : null}
          </Space>
        )}
      />
      <Modal
        open={ask !== null}
        title={
          ask
            ? t('desk.case.action_title', {
                action: t(`desk.work_order_status.${ask.to}`),
                number: ask.card.number,
              })
            : ''
        }
        onCancel={() => close(null)}
        onOk={() => form.submit()}
        okButtonProps={{ 'data-testid': 'action-confirm' }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => close(values.text.trim())}>
          <Form.Item
            name="text"
            label={ask?.needs === 'result' ? t('desk.field.result') : t('desk.field.reason')}
            rules={[{ required: true, whitespace: true, message: ask?.needs === 'result' ? t('desk.case.result_required') : t('desk.case.reason_required') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} data-testid={ask?.needs === 'result' ? 'wo-result' : 'reason-input'} autoFocus />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
