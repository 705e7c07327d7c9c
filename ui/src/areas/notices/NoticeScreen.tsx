import { useState } from 'react';
import { App, Badge, Button, Card, Descriptions, Empty, Popconfirm, Segmented, Select, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, EditOutlined, FilePdfOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, saveDocument, type NoticeDeliveryRow, type NoticeDetail, type OccupancyRole } from '../../lib/backend';
import { useErrorToast } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useCommand, useCommandCache, usePagedList } from '../../shared/hooks';
import { useSession } from '../../shared/session';
import { EventDates, LanguageTag, NOTICE_STATUS_COLORS, useAudienceText, useLanguageName, useNoticeLanguages } from './common';
import { NoticeEditor } from './NoticeEditor';

/** One notice: its texts per language, who it goes to, issuing, the PDF and the delivery list. */
export function NoticeScreen({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const cache = useCommandCache();
  const audience = useAudienceText();
  const languageName = useLanguageName();
  const languages = useNoticeLanguages();
  const notice = useCommand('notice_get', { id });
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const write = can('notice_write');
  const d = notice.data;
  if (notice.isLoading) {
    return (
      <div className="steward-loading">
        <Spin />
      </div>
    );
  }
  if (!d) return <Empty description={notice.error ? t(`error.${notice.error.code}`) : undefined} />;
  const r = d.row;

  const refresh = async () => {
    await cache.invalidate('notice_get');
    await cache.invalidate('notice_list');
    await cache.invalidate('notice_delivery_list');
  };
  const setStatus = async (command: 'notice_issue' | 'notice_withdraw') => {
    setBusy(command);
    try {
      await call(command, { id: r.id, version: r.version });
      void message.success(t(command === 'notice_issue' ? 'notices.issued' : 'notices.withdrawn'));
      await refresh();
    } catch (e) {
      toast(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="notice-screen">
      <Card
        title={
          <Space>
            <span data-testid="notice-heading">{r.title}</span>
            <Tag color={NOTICE_STATUS_COLORS[r.status]} data-testid="notice-status">
              {t(`enum.notice_status.${r.status}`)}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            {write && r.status === 'draft' ? (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="notice-edit">
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('notices.issue_confirm')}
                  description={t('notices.issue_hint')}
                  onConfirm={() => void setStatus('notice_issue')}
                  okButtonProps={{ 'data-testid': 'notice-issue-confirm' }}
                >
                  <Button type="primary" icon={<SendOutlined />} loading={busy === 'notice_issue'} data-testid="notice-issue">
                    {t('notices.issue')}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
            {r.status !== 'draft' ? <PrintButton id={r.id} deliveryIds={[]} testId="notice-pdf" label={t('notices.pdf')} /> : null}
            {write && r.status !== 'withdrawn' ? (
              <Popconfirm
                title={t('notices.withdraw_confirm')}
                onConfirm={() => void setStatus('notice_withdraw')}
                okButtonProps={{ 'data-testid': 'notice-withdraw-confirm' }}
              >
                <Button danger icon={<StopOutlined />} loading={busy === 'notice_withdraw'} data-testid="notice-withdraw">
                  {t('notices.withdraw')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      >
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('notices.kind')}>{t(`enum.notice_kind.${r.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('notices.event_date')}>
            <EventDates row={r} />
          </Descriptions.Item>
          <Descriptions.Item label={t('notices.audience')}>
            <span data-testid="notice-audience">{audience(r)}</span>
            {r.audience === 'units' ? (
              <div>
                <Typography.Text type="secondary">{d.units.map((u) => u.unit_label).join('、')}</Typography.Text>
              </div>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('notices.default_language')}>{languageName(r.default_language)}</Descriptions.Item>
          {r.issued_at ? (
            <Descriptions.Item label={t('notices.issued_at')}>{formatDateTime(r.issued_at, i18n.language)}</Descriptions.Item>
          ) : null}
          {r.deliveries > 0 ? (
            <Descriptions.Item label={t('notices.delivered')}>
              <span data-testid="notice-delivered-count">{t('notices.delivered_of', { delivered: r.delivered, total: r.deliveries })}</span>
              {d.fell_back > 0 ? (
                <Tag color="orange" style={{ marginInlineStart: 8 }} data-testid="notice-fell-back">
                  {t('notices.fell_back_count', { count: d.fell_back })}
                </Tag>
              ) : null}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <Tabs
          style={{ marginTop: 12 }}
          items={(languages.length ? languages : d.texts.map((x) => x.language)).map((language) => {
            const text = d.texts.find((x) => x.language === language);
            return {
              key: language,
              label: (
                <span data-testid={`notice-view-tab-${language}`}>
                  <Badge status={text ? 'success' : 'warning'} text={languageName(language)} />
                </span>
              ),
              children: text ? (
                <div data-testid={`notice-text-${language}`}>
                  <Typography.Title level={5} style={{ marginTop: 0 }}>
                    {text.title}
                  </Typography.Title>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text.body}</Typography.Paragraph>
                </div>
              ) : (
                <Typography.Text type="warning" data-testid={`notice-text-missing-${language}`}>
                  {t('notices.text_missing_fallback', { language: languageName(r.default_language) })}
                </Typography.Text>
              ),
            };
          })}
        />
      </Card>
      {r.status !== 'draft' ? <Deliveries notice={d} /> : null}
      {editing ? (
        <NoticeEditor
          detail={d}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            void refresh();
          }}
        />
      ) : null}
    </Space>
  );
}

function PrintButton({ id, deliveryIds, testId, label, disabled }: { id: number; deliveryIds: number[]; testId: string; label: string; disabled?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const [busy, setBusy] = useState(false);
  const print = async () => {
    setBusy(true);
    try {
      const doc = await call('notice_pdf', { id, delivery_ids: deliveryIds });
      const path = await saveDocument(doc.file_name, doc.base64);
      void message.success({ content: <span data-testid="notice-pdf-saved">{t('notices.pdf_saved', { path })}</span> });
    } catch (e) {
      toast(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FilePdfOutlined />} loading={busy} disabled={disabled} onClick={() => void print()} data-testid={testId}>
      {label}
    </Button>
  );
}

type Shown = 'all' | 'undelivered' | 'delivered';

/** The units the notice went to: recipient, page language, who delivered it and when; marked in bulk. */
function Deliveries({ notice }: { notice: NoticeDetail }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const toast = useErrorToast();
  const cache = useCommandCache();
  const buildings = useCommand('building_list', null, { enabled: can('unit_read') });
  const [shown, setShown] = useState<Shown>('all');
  const [building, setBuilding] = useState<number | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const deliver = can('notice_deliver') && notice.row.status === 'issued';
  const list = usePagedList(
    'notice_delivery_list',
    { notice_id: notice.row.id, delivered: shown === 'all' ? null : shown === 'delivered', building_id: building },
    { pageSize: 50, showSizeChanger: true },
  );
  const mark = async (delivered: boolean) => {
    setBusy(true);
    try {
      const r = await call('notice_mark_delivered', { notice_id: notice.row.id, delivery_ids: selected, delivered });
      void message.success({ content: <span data-testid="notice-marked">{t('notices.marked', { count: r.changed })}</span> });
      setSelected([]);
      await cache.invalidate('notice_delivery_list');
      await cache.invalidate('notice_get');
      await cache.invalidate('notice_list');
    } catch (e) {
      toast(e);
    } finally {
      setBusy(false);
    }
  };
  const role = (r: OccupancyRole | null) => (r ? t(`enum.occupancy_role.${r}`) : '');
  return (
    <Card
      title={t('notices.deliveries')}
      data-testid="notice-deliveries"
      extra={
        <Space wrap>
          {deliver ? (
            <>
              <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} loading={busy} onClick={() => void mark(true)} data-testid="notice-mark-delivered">
                {t('notices.mark_delivered', { count: selected.length })}
              </Button>
              <Button disabled={selected.length === 0} loading={busy} onClick={() => void mark(false)} data-testid="notice-mark-undelivered">
                {t('notices.mark_undelivered')}
              </Button>
            </>
          ) : null}
          <PrintButton id={notice.row.id} deliveryIds={selected} testId="notice-pdf-selected" label={t('notices.pdf_selected')} disabled={selected.length === 0} />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<Shown>
          value={shown}
          onChange={setShown}
          options={(['all', 'undelivered', 'delivered'] as const).map((s) => ({
            value: s,
            label: <span data-testid={`notice-deliveries-${s}`}>{t(`notices.shown.${s}`)}</span>,
          }))}
        />
        {buildings.data && buildings.data.length > 1 ? (
          <Select<number>
            allowClear
            placeholder={t('notices.building')}
            value={building ?? undefined}
            onChange={(v) => setBuilding(v ?? null)}
            options={buildings.data.map((b) => ({ value: b.id, label: b.name }))}
            style={{ width: 180 }}
            data-testid="notice-deliveries-building"
          />
        ) : null}
      </Space>
      <Table<NoticeDeliveryRow>
        rowKey="id"
        size="small"
        {...list.tableProps}
        rowSelection={{
          selectedRowKeys: selected,
          preserveSelectedRowKeys: true,
          onChange: (keys) => setSelected(keys as number[]),
          getCheckboxProps: (row) => ({ 'data-testid': `notice-delivery-check-${row.id}` }) as object,
        }}
        onRow={(row) => ({ 'data-testid': `notice-delivery-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('notices.unit'), dataIndex: 'unit_label' },
          {
            title: t('notices.recipient'),
            key: 'recipient',
            render: (_, row) =>
              row.customer_name ? (
                <span>
                  {row.customer_name} <Typography.Text type="secondary">{role(row.recipient_role)}</Typography.Text>
                </span>
              ) : (
                <Typography.Text type="secondary">{t('notices.no_recipient')}</Typography.Text>
              ),
          },
          {
            title: t('notices.page_language'),
            key: 'language',
            render: (_, row) => <LanguageTag code={row.language} fellBack={row.fell_back} testId={`notice-delivery-language-${row.id}`} />,
          },
          {
            title: t('notices.delivered_at'),
            key: 'delivered_at',
            render: (_, row) =>
              row.delivered_at ? (
                <span data-testid={`notice-delivered-${row.id}`}>
                  {formatDateTime(row.delivered_at, i18n.language)} · {row.delivered_by_name}
                </span>
              ) : (
                <Tag>{t('notices.not_delivered')}</Tag>
              ),
          },
        ]}
      />
    </Card>
  );
}
