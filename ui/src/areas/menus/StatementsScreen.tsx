import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Modal, Progress, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, saveDocument, toApiError, VOCABULARIES } from '../../lib/backend';
import type { NoteKind, PaymentMethod, StatementDetail, StatementLineView, StatementRow, StatementRunProgress, StatementStatus } from '../../lib/backend';
import { FormError, useErrorToast } from '../../shared/errors';
import { formatCents, formatDate, formatDateTime, formatMonth } from '../../shared/format';
import { ExportButton } from '../../shared/ExportButton';
import { useCommand, useCommandCache, useCommandForm, usePagedList } from '../../shared/hooks';
import { enumOptions } from '../../shared/options';
import { RouteLink } from '../../shared/RouteLink';
import { useSession } from '../../shared/session';
import { ConfirmationButton } from '../directory/ConfirmationButton';

export const STATUS_COLOR: Record<StatementStatus, string> = {
  issued: 'default',
  sent: 'blue',
  part_paid: 'orange',
  paid: 'green',
  credit: 'purple',
};

export function StatusTag({ status }: { status: StatementStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`menus.statement.status.${status}`)}</Tag>;
}

/** The month's statements: issue them for the whole property (with progress), export, settle. */
export function StatementsScreen() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const cache = useCommandCache();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month'));
  const [unpaid, setUnpaid] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; issued: number } | null>(null);
  const [exporting, setExporting] = useState(false);
  const monthText = month.format('YYYY-MM');
  const list = usePagedList('statement_list', { month: monthText, customer_id: null, unpaid_only: unpaid });

  // One batch per call, so the bar moves and a closed window loses at most a batch.
  const issue = async () => {
    setProgress({ done: 0, total: 0, issued: 0 });
    let after: number | null = null;
    let done = 0;
    let issued = 0;
    try {
      for (;;) {
        const p: StatementRunProgress = await call('statement_run', { month: monthText, after, batch: 100 });
        done += p.processed;
        issued += p.issued;
        setProgress({ done, total: done + p.remaining, issued });
        if (p.done) break;
        after = p.next_after;
      }
      void message.success(t('menus.statement.issued', { count: issued }));
      await cache.invalidate('statement_list');
    } catch (e) {
      toast(e);
    } finally {
      setProgress(null);
    }
  };

  const exportMonth = async () => {
    setExporting(true);
    try {
      const doc = await call('statement_export', { month: monthText });
      const path = await saveDocument(doc.file_name, doc.base64);
      void message.success(t('menus.statement.saved', { path }));
    } catch (e) {
      toast(e);
    } finally {
      setExporting(false);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Card
      title={t('nav.statements')}
      data-testid="statements-screen"
      extra={
        <Space>
          <DatePicker
            picker="month"
            allowClear={false}
            value={month}
            onChange={(m) => m && setMonth(m)}
            data-testid="statements-month"
          />
          {can('statement_issue') ? (
            <Button type="primary" loading={progress !== null} onClick={() => void issue()} data-testid="statements-issue">
              {t('menus.statement.issue')}
            </Button>
          ) : null}
          <ExportButton target={{ list: 'statements', query: list.input }} testId="statements-list-export" />
          <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportMonth()} data-testid="statements-export">
            {t('menus.statement.export')}
          </Button>
        </Space>
      }
    >
      {progress ? (
        <div style={{ marginBottom: 16 }} data-testid="statements-progress">
          <Progress percent={percent} status="active" />
          <Typography.Text type="secondary">{t('menus.statement.progress', { done: progress.done, total: progress.total, issued: progress.issued })}</Typography.Text>
        </div>
      ) : null}
      <Space style={{ marginBottom: 16 }}>
        <Switch checked={unpaid} onChange={setUnpaid} data-testid="statements-unpaid" />
        {t('menus.statement.unpaid_only')}
      </Space>
      <Table<StatementRow>
        rowKey="id"
        {...list.tableProps}
        onRow={(row) => ({ 'data-testid': `statement-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('menus.statement.number'),
            dataIndex: 'number',
            render: (n: string, row) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(row.id)} data-testid={`statement-open-${row.id}`}>
                {n}
              </Button>
            ),
          },
          {
            title: t('menus.statement.customer'),
            dataIndex: 'customer_name',
            render: (name: string, row) => <RouteLink to={{ name: 'customer', params: { id: row.customer_id } }}>{name}</RouteLink>,
          },
          { title: t('menus.statement.language'), dataIndex: 'language', render: (l: string) => t(`language.${l}`, { defaultValue: l }) },
          { title: t('menus.statement.total'), dataIndex: 'total_cents', align: 'right', render: (c: number, row) => formatCents(c, i18n.language, row.currency) },
          { title: t('menus.statement.balance'), dataIndex: 'balance_cents', align: 'right', render: (c: number, row) => formatCents(c, i18n.language, row.currency) },
          { title: t('menus.statement.status_label'), dataIndex: 'status', render: (s: StatementStatus) => <StatusTag status={s} /> },
          { title: t('menus.statement.issued_at'), dataIndex: 'issued_at', render: (d: string) => formatDate(d, i18n.language) },
        ]}
      />
      {open !== null ? <StatementDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

/** One statement: its lines in the customer's language, totals, payments and corrections. */
export function StatementDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const cache = useCommandCache();
  const detail = useCommand('statement_get', { id });
  const [paying, setPaying] = useState(false);
  const [noting, setNoting] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const d = detail.data;
  const locale = i18n.language;
  const money = (c: number) => (d ? formatCents(c, locale, d.currency) : '');
  const refresh = async () => {
    await cache.invalidate('statement_get');
    await cache.invalidate('statement_list');
    await cache.invalidate('customer_account');
  };
  const act = async (key: string, run: () => Promise<void>) => {
    setBusy(key);
    try {
      await run();
    } catch (e) {
      void message.error(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Drawer
      open
      width={880}
      onClose={onClose}
      title={d ? `${t('menus.statement.title')} ${d.number}` : t('menus.statement.title')}
      loading={!d}
      data-testid="statement-drawer"
      extra={
        d ? (
          <Space>
            <Button
              icon={<PrinterOutlined />}
              loading={busy === 'pdf'}
              data-testid="statement-pdf"
              onClick={() =>
                void act('pdf', async () => {
                  const doc = await call('statement_pdf', { id: d.id });
                  const path = await saveDocument(doc.file_name, doc.base64);
                  void message.success(t('menus.statement.saved', { path }));
                })
              }
            >
              {t('menus.statement.print')}
            </Button>
            <ConfirmationButton subject="statement" id={d.id} testId="statement-confirmation" />
            {can('statement_issue') && !d.sent_at ? (
              <Button
                icon={<SendOutlined />}
                loading={busy === 'sent'}
                data-testid="statement-mark-sent"
                onClick={() =>
                  void act('sent', async () => {
                    await call('statement_mark_sent', { id: d.id, version: d.version });
                    await refresh();
                  })
                }
              >
                {t('menus.statement.mark_sent')}
              </Button>
            ) : null}
            {can('statement_issue') && d.balance_cents > 0 ? (
              <Button type="primary" onClick={() => setPaying(true)} data-testid="statement-pay">
                {t('menus.statement.record_payment')}
              </Button>
            ) : null}
            {can('statement_correct') ? (
              <Button onClick={() => setNoting(true)} data-testid="statement-note">
                {t('menus.statement.add_note')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {d ? (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('menus.statement.customer')}>{d.customer_name}</Descriptions.Item>
            <Descriptions.Item label={t('menus.statement.month')}>{formatMonth(d.month, locale)}</Descriptions.Item>
            <Descriptions.Item label={t('menus.statement.unit')}>{d.unit_label ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('menus.statement.language')}>{t(`language.${d.language}`, { defaultValue: d.language })}</Descriptions.Item>
            <Descriptions.Item label={t('menus.statement.issued_at')}>{formatDateTime(d.issued_at, locale)} · {d.issued_by}</Descriptions.Item>
            <Descriptions.Item label={t('menus.statement.status_label')}>
              <span data-testid="statement-status" data-status={d.status}>
                <StatusTag status={d.status} />
              </span>
              {d.sent_at ? <Typography.Text type="secondary"> {t('menus.statement.sent_on', { date: formatDate(d.sent_at, locale) })}</Typography.Text> : null}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('menus.statement.language_hint')}
          </Typography.Paragraph>
          <Table<StatementLineView>
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={d.lines}
            data-testid="statement-lines"
            columns={[
              { title: t('menus.statement.date'), dataIndex: 'date', render: (x: string) => formatDate(x, locale), width: 110 },
              {
                title: t('menus.statement.description'),
                dataIndex: 'description',
                render: (x: string, row) => (
                  <span>
                    {x} {row.kind !== 'visit' ? <Tag>{t(`enum.line_kind.${row.kind}`)}</Tag> : null}
                  </span>
                ),
              },
              {
                title: t('menus.statement.quantity'),
                dataIndex: 'quantity',
                align: 'right',
                render: (q: string, row) => (row.unit ? `${q} ${t(`print.statement.unit_short.${row.unit}`)}` : q),
              },
              { title: t('menus.statement.unit_price'), dataIndex: 'unit_price_cents', align: 'right', render: money },
              { title: t('menus.statement.tax_rate'), dataIndex: 'tax_rate', align: 'right', render: (r: string | null) => (r ? `${r}%` : '') },
              { title: t('menus.statement.amount'), dataIndex: 'net_cents', align: 'right', render: money },
            ]}
          />
          <Descriptions size="small" column={2} bordered data-testid="statement-totals">
            <Descriptions.Item label={t('menus.statement.subtotal')}>{money(d.subtotal_cents)}</Descriptions.Item>
            <Descriptions.Item label={t('menus.statement.tax')}>{money(d.tax_cents)}</Descriptions.Item>
            <Descriptions.Item label={t('menus.statement.total')}>
              <strong data-testid="statement-total" data-cents={d.total_cents}>
                {money(d.total_cents)}
              </strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('menus.statement.paid')}>{money(d.paid_cents)}</Descriptions.Item>
            <Descriptions.Item label={t('menus.statement.balance')} span={2}>
              <strong data-testid="statement-balance" data-cents={d.balance_cents}>
                {money(d.balance_cents)}
              </strong>
            </Descriptions.Item>
          </Descriptions>
          {d.payments.length > 0 ? (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              title={() => t('menus.statement.payments')}
              dataSource={d.payments}
              data-testid="statement-payments"
              columns={[
                { title: t('menus.statement.date'), dataIndex: 'paid_on', render: (x: string) => formatDate(x, locale) },
                { title: t('menus.statement.method'), dataIndex: 'method', render: (m: PaymentMethod) => t(`enum.payment_method.${m}`) },
                { title: t('menus.statement.reference'), dataIndex: 'reference' },
                { title: t('menus.statement.by'), dataIndex: 'staff_name' },
                { title: t('menus.statement.amount'), dataIndex: 'amount_cents', align: 'right', render: money },
              ]}
            />
          ) : null}
          {d.notes.length > 0 ? (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              title={() => t('menus.statement.notes')}
              dataSource={d.notes}
              columns={[
                { title: t('menus.statement.note_kind'), dataIndex: 'kind', render: (k: NoteKind) => t(`enum.note_kind.${k}`) },
                { title: t('menus.statement.reason'), dataIndex: 'reason' },
                { title: t('menus.statement.amount'), dataIndex: 'amount_cents', align: 'right', render: money },
                {
                  title: t('menus.statement.carried'),
                  dataIndex: 'billed_number',
                  render: (n: string | null) => n ?? t('menus.statement.next_statement'),
                },
              ]}
            />
          ) : null}
        </Space>
      ) : null}
      {paying && d ? (
        <PaymentDialog
          detail={d}
          onClose={() => setPaying(false)}
          onSaved={async () => {
            setPaying(false);
            await refresh();
          }}
        />
      ) : null}
      {noting && d ? (
        <NoteDialog
          detail={d}
          onClose={() => setNoting(false)}
          onSaved={async () => {
            setNoting(false);
            await refresh();
          }}
        />
      ) : null}
    </Drawer>
  );
}

function PaymentDialog({ detail, onClose, onSaved }: { detail: StatementDetail; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  type V = { amount: string; paid_on: Dayjs | null; method: PaymentMethod; reference: string };
  const command = useCommandForm<V, StatementDetail>({
    submit: (v) =>
      call('statement_payment_add', {
        statement_id: detail.id,
        version: detail.version,
        amount: v.amount ?? '',
        paid_on: v.paid_on?.format('YYYY-MM-DD') ?? '',
        method: v.method,
        reference: v.reference ?? '',
      }),
    successMessage: t('common.saved'),
    onSuccess: onSaved,
  });
  return (
    <Modal open title={t('menus.statement.record_payment')} onCancel={onClose} onOk={() => command.form.submit()} confirmLoading={command.busy} okButtonProps={{ 'data-testid': 'payment-save' }}>
      <FormError error={command.error} details={command.details} />
      <Form<V>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{ amount: (detail.balance_cents / 100).toFixed(2), paid_on: dayjs(), method: 'bank_transfer', reference: '' }}
      >
        <Space>
          <Form.Item name="amount" label={t('menus.statement.amount')} extra={t('menus.statement.part_hint')}>
            <Input inputMode="decimal" style={{ width: 140 }} suffix={detail.currency} data-testid="payment-amount" />
          </Form.Item>
          <Form.Item name="paid_on" label={t('menus.statement.date')}>
            <DatePicker data-testid="payment-date" />
          </Form.Item>
        </Space>
        <Form.Item name="method" label={t('menus.statement.method')}>
          <Select options={enumOptions(t, 'payment_method', VOCABULARIES.payment_method)} data-testid="payment-method" />
        </Form.Item>
        <Form.Item name="reference" label={t('menus.statement.reference')}>
          <Input data-testid="payment-reference" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function NoteDialog({ detail, onClose, onSaved }: { detail: StatementDetail; onClose: () => void; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  type V = { kind: NoteKind; amount: string; tax_rate: string; reason: string };
  const command = useCommandForm<V, StatementDetail>({
    submit: (v) =>
      call('statement_note_add', {
        statement_id: detail.id,
        version: detail.version,
        kind: v.kind,
        amount: v.amount ?? '',
        tax_rate: v.tax_rate?.trim() || null,
        reason: v.reason ?? '',
      }),
    successMessage: t('common.saved'),
    onSuccess: onSaved,
  });
  return (
    <Modal open title={t('menus.statement.add_note')} onCancel={onClose} onOk={() => command.form.submit()} confirmLoading={command.busy} okButtonProps={{ 'data-testid': 'note-save' }}>
      <FormError error={command.error} details={command.details} />
      <Typography.Paragraph type="secondary">{t('menus.statement.note_hint')}</Typography.Paragraph>
      <Form<V> form={command.form} layout="vertical" onFinish={command.onFinish} initialValues={{ kind: 'credit', amount: '', tax_rate: '', reason: '' }}>
        <Form.Item name="kind" label={t('menus.statement.note_kind')}>
          <Select options={enumOptions(t, 'note_kind', VOCABULARIES.note_kind)} data-testid="note-kind" />
        </Form.Item>
        <Space>
          <Form.Item name="amount" label={t('menus.statement.amount_before_tax')}>
            <Input inputMode="decimal" style={{ width: 140 }} suffix={detail.currency} data-testid="note-amount" />
          </Form.Item>
          <Form.Item name="tax_rate" label={t('menus.statement.tax_rate')}>
            <Input inputMode="decimal" style={{ width: 90 }} suffix="%" data-testid="note-tax" />
          </Form.Item>
        </Space>
        <Form.Item name="reason" label={t('menus.statement.reason')}>
          <Input data-testid="note-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
