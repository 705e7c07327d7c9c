import { useState } from 'react';
import { Button, Card, Progress, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { VOCABULARIES, type NoticeKind, type NoticeRow, type NoticeStatus } from '../../lib/backend';
import { usePagedList } from '../../shared/hooks';
import { enumOptions } from '../../shared/options';
import { navigate } from '../../shared/routes';
import { RouteLink } from '../../shared/RouteLink';
import { useSession } from '../../shared/session';
import { EventDates, LanguageTag, NOTICE_STATUS_COLORS, useAudienceText } from './common';
import { NoticeEditor } from './NoticeEditor';

/** Notices to residents (water cuts, fire drills, holiday hours, events), newest first. */
export function NoticesScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const write = can('notice_write');
  const audience = useAudienceText();
  const [status, setStatus] = useState<NoticeStatus | null>(null);
  const [kind, setKind] = useState<NoticeKind | null>(null);
  const [creating, setCreating] = useState(false);
  const list = usePagedList('notice_list', { status, kind });
  return (
    <Card
      title={t('nav.notices')}
      data-testid="notices-screen"
      extra={
        write ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="notice-new">
            {t('notices.new')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<NoticeStatus>
          allowClear
          placeholder={t('notices.status')}
          value={status ?? undefined}
          onChange={(v) => setStatus(v ?? null)}
          options={enumOptions(t, 'notice_status', VOCABULARIES.notice_status, 'notices-status')}
          style={{ width: 160 }}
          data-testid="notices-status"
        />
        <Select<NoticeKind>
          allowClear
          placeholder={t('notices.kind')}
          value={kind ?? undefined}
          onChange={(v) => setKind(v ?? null)}
          options={enumOptions(t, 'notice_kind', VOCABULARIES.notice_kind, 'notices-kind')}
          style={{ width: 200 }}
          data-testid="notices-kind"
        />
      </Space>
      <Table<NoticeRow>
        rowKey="id"
        className="steward-head-nowrap"
        {...list.tableProps}
        onRow={(row) => ({ 'data-testid': `notice-row-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('notices.title'),
            dataIndex: 'title',
            render: (title: string, row) => (
              <RouteLink to={{ name: 'notice', params: { id: row.id } }} testId={`notice-open-${row.id}`}>
                {title || '—'}
              </RouteLink>
            ),
          },
          { title: t('notices.kind'), dataIndex: 'kind', render: (k: NoticeKind) => t(`enum.notice_kind.${k}`) },
          {
            title: t('notices.status'),
            dataIndex: 'status',
            render: (s: NoticeStatus) => <Tag color={NOTICE_STATUS_COLORS[s]}>{t(`enum.notice_status.${s}`)}</Tag>,
          },
          { title: t('notices.audience'), key: 'audience', render: (_, row) => audience(row) },
          { title: t('notices.event_date'), key: 'date', render: (_, row) => <EventDates row={row} /> },
          {
            title: t('notices.languages'),
            dataIndex: 'languages',
            width: 200,
            render: (languages: string[]) => (
              <Space size={2} wrap>
                {languages.map((l) => (
                  <LanguageTag key={l} code={l} />
                ))}
              </Space>
            ),
          },
          {
            title: t('notices.delivered'),
            key: 'delivered',
            width: 180,
            render: (_, row) =>
              row.deliveries > 0 ? (
                <Progress
                  size="small"
                  percent={Math.round((row.delivered / row.deliveries) * 100)}
                  format={() => `${row.delivered}/${row.deliveries}`}
                />
              ) : (
                '—'
              ),
          },
        ]}
      />
      {creating ? (
        <NoticeEditor
          detail={null}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate({ name: 'notice', params: { id } });
          }}
        />
      ) : null}
    </Card>
  );
}
