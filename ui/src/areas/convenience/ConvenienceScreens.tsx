import { useEffect, useRef, useState, type ReactNode } from 'react';
import { App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Radio, Segmented, Select, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, saveDocument, toApiError, VOCABULARIES } from '../../lib/backend';
import type { LendItemRow, LendKind, LoanRow, MailKind, MailRow, StorageRow } from '../../lib/backend';
import { FormError } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useCommandCache, useCommandForm, usePagedList } from '../../shared/hooks';
import { enumOptions } from '../../shared/options';
import { navigate } from '../../shared/routes';
import { useSession } from '../../shared/session';
import { OccupantPicker, UnitPicker } from './pickers';
import { ConfirmationButton } from '../directory/ConfirmationButton';

type Tab = 'mail' | 'storage' | 'lending';

/** Loans become overdue as time passes: lists that show it are read again this often. */
const REFRESH_MS = 30_000;

function openTab(tab: Tab) {
  if (tab === 'mail') navigate({ name: 'convenience' });
  else if (tab === 'storage') navigate({ name: 'convenience_storage' });
  else navigate({ name: 'convenience_lending' });
}

/** The frame of the three screens: one navigation entry, a tab per service. */
function Frame({ tab, extra, children }: { tab: Tab; extra?: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card title={t('nav.convenience')} extra={extra} data-testid={`convenience-${tab}-screen`}>
      <Tabs
        activeKey={tab}
        onChange={(key) => openTab(key as Tab)}
        items={(['mail', 'storage', 'lending'] as const).map((key) => ({
          key,
          label: <span data-testid={`convenience-tab-${key}`}>{t(`convenience.tabs.${key}`)}</span>,
        }))}
      />
      {children}
    </Card>
  );
}

function useWrite() {
  const { can } = useSession();
  return can('convenience_write');
}

/** "Choice" for a Segmented whose options carry test ids. */
function segment<T extends string>(value: T, label: string, testId: string) {
  return { value, label: <span data-testid={testId}>{label}</span> };
}

// ---------------------------------------------------------------- mail

type MailFilter = 'waiting' | 'handed_over' | 'all';

export function MailScreen() {
  const { t, i18n } = useTranslation();
  const write = useWrite();
  const [status, setStatus] = useState<MailFilter>('waiting');
  const [unit, setUnit] = useState<{ id: number; label: string | null } | null>(null);
  const unitId = unit?.id ?? null;
  const [kind, setKind] = useState<MailKind | null>(null);
  const [receiving, setReceiving] = useState(false);
  const [handing, setHanding] = useState<MailRow | null>(null);
  const list = usePagedList('mail_list', { status: status === 'all' ? null : status, unit_id: unitId, kind });
  return (
    <Frame
      tab="mail"
      extra={
        write ? (
          <Button type="primary" icon={<PlusOutlined />} data-testid="mail-receive" onClick={() => setReceiving(true)}>
            {t('convenience.mail.receive')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<MailFilter>
          value={status}
          onChange={setStatus}
          options={[
            segment('waiting', t('enum.mail_status.waiting'), 'mail-status-waiting'),
            segment('handed_over', t('enum.mail_status.handed_over'), 'mail-status-handed_over'),
            segment('all', t('convenience.all'), 'mail-status-all'),
          ]}
        />
        <UnitPicker
          testId="mail-unit-filter"
          allowClear
          value={unitId}
          label={unit?.label}
          onChange={(id) => setUnit(id === null ? null : { id, label: null })}
        />
        <Select<MailKind>
          allowClear
          style={{ width: 140 }}
          placeholder={t('convenience.mail.kind')}
          value={kind ?? undefined}
          onChange={(v) => setKind(v ?? null)}
          options={enumOptions(t, 'mail_kind', VOCABULARIES.mail_kind)}
          data-testid="mail-kind-filter"
        />
        {unitId !== null && status === 'waiting' && list.total > 0 ? <NoticeButton unitId={unitId} testId="mail-notice-unit" /> : null}
        <Typography.Text type="secondary" data-testid="mail-total">
          {status === 'waiting' ? t('convenience.mail.waiting', { count: list.total }) : t('common.total', { count: list.total })}
        </Typography.Text>
      </Space>
      <Table<MailRow>
        rowKey="id"
        size="middle"
        {...list.tableProps}
        onRow={(row) => ({ 'data-testid': `mail-row-${row.id}`, 'data-status': row.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('convenience.mail.kind'), dataIndex: 'kind', render: (k: MailKind) => <Tag color={k === 'parcel' ? 'blue' : 'default'}>{t(`enum.mail_kind.${k}`)}</Tag> },
          {
            title: t('convenience.unit'),
            dataIndex: 'unit_label',
            // A unit's own list: what waits for it, and its notice slip.
            render: (label: string, r) => (
              <Button type="link" style={{ padding: 0 }} data-testid={`mail-unit-${r.id}`} onClick={() => setUnit({ id: r.unit_id, label })}>
                {label}
              </Button>
            ),
          },
          {
            title: t('convenience.mail.addressee'),
            render: (_: unknown, r) => (
              <>
                <div>{r.addressee || r.customer_name || t('common.none')}</div>
                {r.customer_name && r.customer_name !== r.addressee ? <Typography.Text type="secondary">{r.customer_name}</Typography.Text> : null}
              </>
            ),
          },
          {
            title: t('convenience.mail.carrier'),
            render: (_: unknown, r) => (
              <>
                <div>{r.carrier}</div>
                {/* A tracking number is read and typed whole: it does not wrap. */}
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {r.tracking_no}
                </Typography.Text>
              </>
            ),
          },
          { title: t('convenience.mail.shelf'), dataIndex: 'shelf' },
          {
            title: t('convenience.mail.received_at'),
            render: (_: unknown, r) => (
              <>
                <div>{formatDateTime(r.received_at, i18n.language)}</div>
                <Typography.Text type="secondary">{r.received_by_name}</Typography.Text>
              </>
            ),
          },
          {
            title: t('convenience.status'),
            render: (_: unknown, r) =>
              r.status === 'waiting' ? (
                <Tag color="orange">{t('enum.mail_status.waiting')}</Tag>
              ) : (
                <div data-testid={`mail-collected-${r.id}`}>
                  <Tag color="green">{t('enum.mail_status.handed_over')}</Tag>
                  <div>
                    {r.collected_by} · {r.signed ? t('convenience.mail.signed') : t('convenience.mail.unsigned')}
                  </div>
                  <Typography.Text type="secondary">{formatDateTime(r.handed_over_at, i18n.language)}</Typography.Text>
                </div>
              ),
          },
          {
            key: 'actions',
            render: (_: unknown, r) =>
              r.status === 'waiting' ? (
                <Space>
                  {write ? (
                    <Button size="small" type="primary" data-testid={`mail-hand-over-${r.id}`} onClick={() => setHanding(r)}>
                      {t('convenience.mail.hand_over')}
                    </Button>
                  ) : null}
                  <NoticeButton unitId={r.unit_id} testId={`mail-notice-${r.id}`} small />
                  <ConfirmationButton subject="mail_item" id={r.id} testId={`mail-confirmation-${r.id}`} small />
                </Space>
              ) : null,
          },
        ]}
      />
      {receiving ? <ReceiveForm onClose={() => setReceiving(false)} /> : null}
      {handing ? <HandOverForm item={handing} onClose={() => setHanding(null)} /> : null}
    </Frame>
  );
}

/** Prints the unit's notice slip in its customer's language: the core renders the PDF, the shell saves (and opens) it. */
function NoticeButton({ unitId, testId, small }: { unitId: number; testId: string; small?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setBusy(true);
    try {
      const doc = await call('mail_notice', { unit_id: unitId, utc_offset_minutes: -new Date().getTimezoneOffset() });
      const path = await saveDocument(doc.file_name, doc.base64);
      void message.success(t('convenience.mail.notice_saved', { path }));
    } catch (reason) {
      void message.error(toApiError(reason).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size={small ? 'small' : 'middle'} icon={<PrinterOutlined />} loading={busy} data-testid={testId} onClick={() => void print()}>
      {t('convenience.mail.notice')}
    </Button>
  );
}

type ReceiveValues = {
  kind: MailKind;
  unit_id: number | null;
  customer_id: number | null;
  addressee: string;
  carrier: string;
  tracking_no: string;
  shelf: string;
  notes: string;
};

function ReceiveForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const command = useCommandForm<ReceiveValues, MailRow>({
    submit: (v) =>
      call('mail_receive', {
        kind: v.kind,
        unit_id: v.unit_id ?? null,
        customer_id: v.customer_id ?? null,
        addressee: v.addressee ?? '',
        carrier: v.carrier ?? '',
        tracking_no: v.tracking_no ?? '',
        shelf: v.shelf ?? '',
        notes: v.notes ?? '',
      }),
    successMessage: t('convenience.mail.received'),
    onSuccess: async () => {
      await cache.invalidate('mail_list');
      onClose();
    },
  });
  const unitId = (Form.useWatch('unit_id', command.form) as number | null | undefined) ?? null;
  return (
    <Modal
      open
      title={t('convenience.mail.receive')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={command.busy}
      onOk={() => command.form.submit()}
      okButtonProps={{ 'data-testid': 'mail-form-save' }}
    >
      <FormError error={command.error} details={command.details} />
      <Form<ReceiveValues>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{ kind: 'parcel', unit_id: null, customer_id: null, addressee: '', carrier: '', tracking_no: '', shelf: '', notes: '' }}
        data-testid="mail-form"
      >
        <Form.Item name="kind" label={t('convenience.mail.kind')}>
          <Radio.Group optionType="button">
            {VOCABULARIES.mail_kind.map((k) => (
              <Radio.Button key={k} value={k}>
                <span data-testid={`mail-form-kind-${k}`}>{t(`enum.mail_kind.${k}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Space size="middle" wrap>
          <Form.Item name="unit_id" label={t('convenience.unit')} required>
            <UnitPicker testId="mail-form-unit" onChange={() => command.form.setFieldValue('customer_id', null)} />
          </Form.Item>
          <Form.Item name="customer_id" label={t('convenience.customer')}>
            <OccupantPicker
              unitId={unitId}
              testId="mail-form-customer"
              onChange={(_, name) => {
                if (name && !command.form.getFieldValue('addressee')) command.form.setFieldValue('addressee', name);
              }}
            />
          </Form.Item>
        </Space>
        <Form.Item name="addressee" label={t('convenience.mail.addressee')}>
          <Input data-testid="mail-form-addressee" />
        </Form.Item>
        <Space size="middle" wrap>
          <Form.Item name="carrier" label={t('convenience.mail.carrier')}>
            <Input data-testid="mail-form-carrier" />
          </Form.Item>
          <Form.Item name="tracking_no" label={t('convenience.mail.tracking_no')}>
            <Input data-testid="mail-form-tracking" />
          </Form.Item>
          <Form.Item name="shelf" label={t('convenience.mail.shelf')}>
            <Input style={{ width: 120 }} data-testid="mail-form-shelf" />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t('convenience.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="mail-form-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function HandOverForm({ item, onClose }: { item: MailRow; onClose: () => void }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  type Values = { collected_by: string; signed: boolean };
  const command = useCommandForm<Values, MailRow>({
    submit: (v) => call('mail_hand_over', { id: item.id, version: item.version, collected_by: v.collected_by ?? '', signed: Boolean(v.signed) }),
    successMessage: t('convenience.mail.handed_over'),
    onSuccess: async () => {
      await cache.invalidate('mail_list');
      onClose();
    },
  });
  const what = `${t(`enum.mail_kind.${item.kind}`)} ${item.tracking_no}`.trim();
  return (
    <Modal
      open
      title={t('convenience.mail.hand_over_title', { what })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('convenience.mail.hand_over')}
      cancelText={t('common.cancel')}
      confirmLoading={command.busy}
      onOk={() => command.form.submit()}
      okButtonProps={{ 'data-testid': 'handover-save' }}
    >
      <FormError error={command.error} details={command.details} />
      <Typography.Paragraph type="secondary">
        {item.unit_label} · {item.addressee || item.customer_name}
      </Typography.Paragraph>
      <Form<Values>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{ collected_by: item.addressee || item.customer_name || '', signed: false }}
        data-testid="handover-form"
      >
        <Form.Item name="collected_by" label={t('convenience.mail.collected_by')}>
          <Input data-testid="handover-collected-by" />
        </Form.Item>
        <Form.Item name="signed" valuePropName="checked">
          <Checkbox>
            <span data-testid="handover-signed">{t('convenience.mail.signed_label')}</span>
          </Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- storage

type StorageFilter = 'stored' | 'collected' | 'all';

export function StorageScreen() {
  const { t, i18n } = useTranslation();
  const write = useWrite();
  const [status, setStatus] = useState<StorageFilter>('stored');
  const [unitId, setUnitId] = useState<number | null>(null);
  const [depositing, setDepositing] = useState(false);
  const [collecting, setCollecting] = useState<StorageRow | null>(null);
  const list = usePagedList('storage_list', { status: status === 'all' ? null : status, unit_id: unitId });
  return (
    <Frame
      tab="storage"
      extra={
        write ? (
          <Button type="primary" icon={<PlusOutlined />} data-testid="storage-deposit" onClick={() => setDepositing(true)}>
            {t('convenience.storage.deposit')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<StorageFilter>
          value={status}
          onChange={setStatus}
          options={[
            segment('stored', t('enum.storage_status.stored'), 'storage-status-stored'),
            segment('collected', t('enum.storage_status.collected'), 'storage-status-collected'),
            segment('all', t('convenience.all'), 'storage-status-all'),
          ]}
        />
        <UnitPicker testId="storage-unit-filter" allowClear value={unitId} onChange={setUnitId} />
        <Typography.Text type="secondary">{t('common.total', { count: list.total })}</Typography.Text>
      </Space>
      <Table<StorageRow>
        rowKey="id"
        size="middle"
        {...list.tableProps}
        onRow={(row) => ({ 'data-testid': `storage-row-${row.id}`, 'data-status': row.status }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('convenience.storage.description'), dataIndex: 'description' },
          {
            title: t('convenience.storage.for_whom'),
            render: (_: unknown, r) => [r.unit_label, r.customer_name, r.deposited_for].filter(Boolean).join(' · ') || t('common.none'),
          },
          { title: t('convenience.storage.deposited_by'), dataIndex: 'deposited_by' },
          { title: t('convenience.storage.location'), dataIndex: 'location' },
          {
            title: t('convenience.storage.deposited_at'),
            render: (_: unknown, r) => (
              <>
                <div>{formatDateTime(r.deposited_at, i18n.language)}</div>
                <Typography.Text type="secondary">{r.received_by_name}</Typography.Text>
              </>
            ),
          },
          {
            title: t('convenience.status'),
            render: (_: unknown, r) =>
              r.status === 'stored' ? (
                <Tag color="orange">{t('enum.storage_status.stored')}</Tag>
              ) : (
                <div data-testid={`storage-collected-${r.id}`}>
                  <Tag color="green">{t('enum.storage_status.collected')}</Tag>
                  <div>{r.collected_by}</div>
                  <Typography.Text type="secondary">{formatDateTime(r.collected_at, i18n.language)}</Typography.Text>
                </div>
              ),
          },
          {
            key: 'actions',
            render: (_: unknown, r) =>
              r.status === 'stored' && write ? (
                <Button size="small" type="primary" data-testid={`storage-collect-${r.id}`} onClick={() => setCollecting(r)}>
                  {t('convenience.storage.collect')}
                </Button>
              ) : null,
          },
        ]}
      />
      {depositing ? <DepositForm onClose={() => setDepositing(false)} /> : null}
      {collecting ? <CollectForm item={collecting} onClose={() => setCollecting(null)} /> : null}
    </Frame>
  );
}

type DepositValues = {
  description: string;
  unit_id: number | null;
  customer_id: number | null;
  deposited_by: string;
  deposited_for: string;
  location: string;
  notes: string;
};

function DepositForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  const command = useCommandForm<DepositValues, StorageRow>({
    submit: (v) =>
      call('storage_deposit', {
        description: v.description ?? '',
        unit_id: v.unit_id ?? null,
        customer_id: v.customer_id ?? null,
        deposited_by: v.deposited_by ?? '',
        deposited_for: v.deposited_for ?? '',
        location: v.location ?? '',
        notes: v.notes ?? '',
      }),
    successMessage: t('convenience.storage.stored'),
    onSuccess: async () => {
      await cache.invalidate('storage_list');
      onClose();
    },
  });
  const unitId = (Form.useWatch('unit_id', command.form) as number | null | undefined) ?? null;
  return (
    <Modal
      open
      title={t('convenience.storage.deposit')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={command.busy}
      onOk={() => command.form.submit()}
      okButtonProps={{ 'data-testid': 'storage-form-save' }}
    >
      <FormError error={command.error} details={command.details} />
      <Form<DepositValues>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{ description: '', unit_id: null, customer_id: null, deposited_by: '', deposited_for: '', location: '', notes: '' }}
        data-testid="storage-form"
      >
        <Form.Item name="description" label={t('convenience.storage.description')} required>
          <Input data-testid="storage-form-description" />
        </Form.Item>
        <Form.Item name="deposited_by" label={t('convenience.storage.deposited_by')} required>
          <Input data-testid="storage-form-deposited-by" />
        </Form.Item>
        <Space size="middle" wrap>
          <Form.Item name="unit_id" label={t('convenience.unit')}>
            <UnitPicker testId="storage-form-unit" allowClear onChange={() => command.form.setFieldValue('customer_id', null)} />
          </Form.Item>
          <Form.Item name="customer_id" label={t('convenience.customer')}>
            <OccupantPicker unitId={unitId} testId="storage-form-customer" />
          </Form.Item>
        </Space>
        <Space size="middle" wrap>
          <Form.Item name="deposited_for" label={t('convenience.storage.deposited_for')}>
            <Input data-testid="storage-form-deposited-for" />
          </Form.Item>
          <Form.Item name="location" label={t('convenience.storage.location')}>
            <Input style={{ width: 140 }} data-testid="storage-form-location" />
          </Form.Item>
        </Space>
        <Form.Item name="notes" label={t('convenience.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="storage-form-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CollectForm({ item, onClose }: { item: StorageRow; onClose: () => void }) {
  const { t } = useTranslation();
  const cache = useCommandCache();
  type Values = { collected_by: string };
  const command = useCommandForm<Values, StorageRow>({
    submit: (v) => call('storage_collect', { id: item.id, version: item.version, collected_by: v.collected_by ?? '' }),
    successMessage: t('convenience.storage.collected'),
    onSuccess: async () => {
      await cache.invalidate('storage_list');
      onClose();
    },
  });
  return (
    <Modal
      open
      title={t('convenience.storage.collect_title', { what: item.description })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('convenience.storage.collect')}
      cancelText={t('common.cancel')}
      confirmLoading={command.busy}
      onOk={() => command.form.submit()}
      okButtonProps={{ 'data-testid': 'storage-collect-save' }}
    >
      <FormError error={command.error} details={command.details} />
      <Form<Values>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{ collected_by: item.deposited_for || item.customer_name || '' }}
      >
        <Form.Item name="collected_by" label={t('convenience.storage.collected_by')}>
          <Input data-testid="storage-collect-by" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------- lending

type LoanFilter = 'out' | 'overdue' | 'all';

export function LendingScreen() {
  const { t, i18n } = useTranslation();
  const write = useWrite();
  const cache = useCommandCache();
  const { message } = App.useApp();
  const [inactive, setInactive] = useState(false);
  const [filter, setFilter] = useState<LoanFilter>('out');
  const [editing, setEditing] = useState<LendItemRow | 'new' | null>(null);
  const [lending, setLending] = useState<LendItemRow | null>(null);
  const [returning, setReturning] = useState<number | null>(null);
  const items = usePagedList('lend_item_list', { include_inactive: inactive }, { pageSize: 50 });
  const loans = usePagedList('loan_list', {
    status: filter === 'all' ? null : 'out',
    overdue_only: filter === 'overdue',
    item_id: null,
    unit_id: null,
  });
  // Overdue follows the clock: read both lists again while the screen is open.
  const refresh = () => Promise.all([cache.invalidate('loan_list'), cache.invalidate('lend_item_list')]);
  useRefresh(refresh);
  const giveBack = async (loan: LoanRow) => {
    setReturning(loan.id);
    try {
      await call('loan_return', { id: loan.id, version: loan.version });
      void message.success(t('convenience.lending.returned'));
      await refresh();
    } catch (reason) {
      void message.error(toApiError(reason).message);
    } finally {
      setReturning(null);
    }
  };
  return (
    <Frame
      tab="lending"
      extra={
        write ? (
          <Button icon={<PlusOutlined />} data-testid="lend-item-new" onClick={() => setEditing('new')}>
            {t('convenience.lending.new_item')}
          </Button>
        ) : null
      }
    >
      <Space style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('convenience.lending.inventory')}
        </Typography.Title>
        <Switch size="small" checked={inactive} onChange={setInactive} data-testid="lend-item-inactive" />
        <Typography.Text type="secondary">{t('convenience.lending.include_inactive')}</Typography.Text>
      </Space>
      <Table<LendItemRow>
        rowKey="id"
        size="small"
        {...items.tableProps}
        onRow={(row) => ({ 'data-testid': `lend-item-row-${row.id}`, 'data-available': row.available }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('convenience.lending.kind'), dataIndex: 'kind', render: (k: LendKind) => t(`enum.lend_kind.${k}`) },
          { title: t('convenience.lending.name'), dataIndex: 'name' },
          { title: t('convenience.lending.total'), dataIndex: 'total', align: 'right' },
          { title: t('convenience.lending.out'), dataIndex: 'out', align: 'right' },
          {
            title: t('convenience.lending.available'),
            dataIndex: 'available',
            align: 'right',
            render: (n: number, r) => (
              <Typography.Text strong type={n === 0 ? 'danger' : undefined} data-testid={`lend-item-available-${r.id}`}>
                {n}
              </Typography.Text>
            ),
          },
          {
            title: t('convenience.lending.overdue'),
            dataIndex: 'overdue',
            align: 'right',
            render: (n: number, r) => (n > 0 ? <Tag color="red" data-testid={`lend-item-overdue-${r.id}`}>{n}</Tag> : 0),
          },
          {
            key: 'actions',
            render: (_: unknown, r) =>
              write ? (
                <Space>
                  <Button size="small" type="primary" disabled={!r.active || r.available === 0} data-testid={`lend-item-lend-${r.id}`} onClick={() => setLending(r)}>
                    {t('convenience.lending.lend')}
                  </Button>
                  <Button size="small" data-testid={`lend-item-edit-${r.id}`} onClick={() => setEditing(r)}>
                    {t('common.edit')}
                  </Button>
                </Space>
              ) : r.active ? null : (
                <Tag>{t('common.no')}</Tag>
              ),
          },
        ]}
      />
      <Space wrap style={{ margin: '24px 0 8px' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('convenience.lending.loans')}
        </Typography.Title>
        <Segmented<LoanFilter>
          value={filter}
          onChange={setFilter}
          options={[
            segment('out', t('convenience.lending.open_only'), 'loan-filter-out'),
            segment('overdue', t('convenience.lending.overdue_only'), 'loan-filter-overdue'),
            segment('all', t('convenience.all'), 'loan-filter-all'),
          ]}
        />
        <Typography.Text type="secondary" data-testid="loan-total">
          {t('common.total', { count: loans.total })}
        </Typography.Text>
      </Space>
      <Table<LoanRow>
        rowKey="id"
        size="middle"
        {...loans.tableProps}
        rowClassName={(r) => (r.overdue ? 'steward-row-overdue' : '')}
        onRow={(row) =>
          ({ 'data-testid': `loan-row-${row.id}`, 'data-overdue': String(row.overdue), 'data-status': row.status }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('convenience.lending.name'), render: (_: unknown, r) => `${r.item_name}${r.quantity > 1 ? ` × ${r.quantity}` : ''}` },
          {
            title: t('convenience.lending.borrower'),
            render: (_: unknown, r) => (
              <>
                <div>{[r.customer_name, r.borrower].filter(Boolean).join(' · ') || t('common.none')}</div>
                <Typography.Text type="secondary">{[r.unit_label, r.phone].filter(Boolean).join(' · ')}</Typography.Text>
              </>
            ),
          },
          {
            title: t('convenience.lending.lent_at'),
            render: (_: unknown, r) => (
              <>
                <div>{formatDateTime(r.lent_at, i18n.language)}</div>
                <Typography.Text type="secondary">{r.lent_by_name}</Typography.Text>
              </>
            ),
          },
          {
            title: t('convenience.lending.due_at'),
            render: (_: unknown, r) => (
              <Space size={4}>
                <span>{formatDateTime(r.due_at, i18n.language)}</span>
                {r.overdue ? (
                  <Tag color="red" data-testid={`loan-overdue-${r.id}`}>
                    {t('convenience.lending.overdue_tag')}
                  </Tag>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('convenience.status'),
            render: (_: unknown, r) =>
              r.status === 'out' ? (
                <Tag color="orange">{t('enum.loan_status.out')}</Tag>
              ) : (
                <div>
                  <Tag color="green">{t('enum.loan_status.returned')}</Tag>
                  <Typography.Text type="secondary">{formatDateTime(r.returned_at, i18n.language)}</Typography.Text>
                </div>
              ),
          },
          {
            key: 'actions',
            render: (_: unknown, r) =>
              r.status === 'out' && write ? (
                <Button size="small" loading={returning === r.id} data-testid={`loan-return-${r.id}`} onClick={() => void giveBack(r)}>
                  {t('convenience.lending.return')}
                </Button>
              ) : null,
          },
        ]}
      />
      {editing !== null ? <ItemForm item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} /> : null}
      {lending ? <LendForm item={lending} onClose={() => setLending(null)} onSaved={refresh} /> : null}
    </Frame>
  );
}

/** Calls `refresh` every REFRESH_MS while mounted. */
function useRefresh(refresh: () => Promise<unknown>) {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  });
  useEffect(() => {
    const id = setInterval(() => void latest.current(), REFRESH_MS);
    return () => clearInterval(id);
  }, []);
}

type ItemValues = { kind: LendKind; name: string; total: number | null; active: boolean };

function ItemForm({ item, onClose, onSaved }: { item: LendItemRow | null; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const command = useCommandForm<ItemValues, LendItemRow>({
    fieldPrefix: 'item',
    submit: (v) => {
      const input = { kind: v.kind, name: v.name ?? '', total: v.total ?? 0 };
      return item
        ? call('lend_item_edit', { id: item.id, version: item.version, item: input, active: Boolean(v.active) })
        : call('lend_item_create', input);
    },
    successMessage: t('common.saved'),
    onSuccess: async () => {
      await onSaved();
      onClose();
    },
  });
  return (
    <Modal
      open
      title={item ? t('convenience.lending.edit_item') : t('convenience.lending.new_item')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={command.busy}
      onOk={() => command.form.submit()}
      okButtonProps={{ 'data-testid': 'lend-item-form-save' }}
    >
      <FormError error={command.error} details={command.details} />
      <Form<ItemValues>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{ kind: item?.kind ?? 'umbrella', name: item?.name ?? '', total: item?.total ?? 1, active: item?.active ?? true }}
        data-testid="lend-item-form"
      >
        <Form.Item name="kind" label={t('convenience.lending.kind')}>
          <Radio.Group optionType="button">
            {VOCABULARIES.lend_kind.map((k) => (
              <Radio.Button key={k} value={k}>
                <span data-testid={`lend-item-form-kind-${k}`}>{t(`enum.lend_kind.${k}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="name" label={t('convenience.lending.name')} required>
          <Input data-testid="lend-item-form-name" />
        </Form.Item>
        <Space size="middle">
          <Form.Item name="total" label={t('convenience.lending.total')}>
            <InputNumber min={0} precision={0} data-testid="lend-item-form-total" />
          </Form.Item>
          {item ? (
            <Form.Item name="active" label={t('convenience.lending.active')} valuePropName="checked">
              <Switch data-testid="lend-item-form-active" />
            </Form.Item>
          ) : null}
        </Space>
      </Form>
    </Modal>
  );
}

/** Due back in this many hours from now. */
const DUE_PRESETS = [2, 4, 24, 72, 168] as const;

type LendValues = {
  unit_id: number | null;
  customer_id: number | null;
  borrower: string;
  phone: string;
  quantity: number | null;
  due_hours: number;
  notes: string;
};

function LendForm({ item, onClose, onSaved }: { item: LendItemRow; onClose: () => void; onSaved: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const command = useCommandForm<LendValues, LoanRow>({
    submit: (v) =>
      call('loan_lend', {
        item_id: item.id,
        quantity: v.quantity ?? 1,
        unit_id: v.unit_id ?? null,
        customer_id: v.customer_id ?? null,
        borrower: v.borrower ?? '',
        phone: v.phone ?? '',
        due_at: new Date(Date.now() + (v.due_hours ?? 24) * 3_600_000).toISOString(),
        notes: v.notes ?? '',
      }),
    successMessage: t('convenience.lending.lent'),
    onSuccess: async () => {
      await onSaved();
      onClose();
    },
  });
  const unitId = (Form.useWatch('unit_id', command.form) as number | null | undefined) ?? null;
  return (
    <Modal
      open
      title={t('convenience.lending.lend_title', { what: item.name })}
      onCancel={onClose}
      destroyOnHidden
      okText={t('convenience.lending.lend')}
      cancelText={t('common.cancel')}
      confirmLoading={command.busy}
      onOk={() => command.form.submit()}
      okButtonProps={{ 'data-testid': 'lend-form-save' }}
    >
      <FormError error={command.error} details={command.details} />
      <Typography.Paragraph type="secondary">
        {t('convenience.lending.available_now', { count: item.available })}
      </Typography.Paragraph>
      <Form<LendValues>
        form={command.form}
        layout="vertical"
        onFinish={command.onFinish}
        initialValues={{ unit_id: null, customer_id: null, borrower: '', phone: '', quantity: 1, due_hours: 24, notes: '' }}
        data-testid="lend-form"
      >
        <Space size="middle" wrap>
          <Form.Item name="unit_id" label={t('convenience.unit')}>
            <UnitPicker testId="lend-form-unit" allowClear onChange={() => command.form.setFieldValue('customer_id', null)} />
          </Form.Item>
          <Form.Item name="customer_id" label={t('convenience.customer')}>
            <OccupantPicker unitId={unitId} testId="lend-form-customer" />
          </Form.Item>
        </Space>
        <Space size="middle" wrap>
          <Form.Item name="borrower" label={t('convenience.lending.borrower')}>
            <Input data-testid="lend-form-borrower" />
          </Form.Item>
          <Form.Item name="phone" label={t('convenience.lending.phone')}>
            <Input style={{ width: 160 }} data-testid="lend-form-phone" />
          </Form.Item>
          <Form.Item name="quantity" label={t('convenience.lending.quantity')}>
            <InputNumber min={1} max={item.available} precision={0} data-testid="lend-form-quantity" />
          </Form.Item>
        </Space>
        <Form.Item name="due_hours" label={t('convenience.lending.due_at')}>
          <Radio.Group optionType="button">
            {DUE_PRESETS.map((h) => (
              <Radio.Button key={h} value={h}>
                <span data-testid={`lend-form-due-${h}`}>{t(`convenience.lending.due_in.h${h}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="notes" label={t('convenience.notes')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} data-testid="lend-form-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
