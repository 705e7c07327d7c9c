import { useState } from 'react';
import { Card, Select, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call, type AuditEvent, type AuditRow } from '../../lib/backend';
import { AUDIT_EVENTS, enumOptions } from '../../shared/options';
import { formatDateTime } from '../../shared/format';

const EVENT_COLORS: Partial<Record<AuditEvent, string>> = {
  login_failed: 'red',
  refused: 'volcano',
  id_revealed: 'orange',
  setup: 'blue',
};

export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const [event, setEvent] = useState<AuditEvent | null>(null);
  const [page, setPage] = useState({ page: 1, page_size: 50 });
  const query = { event, ...page };
  const audit = useQuery({
    queryKey: ['audit_list', query],
    queryFn: () => call('audit_list', query),
    placeholderData: keepPreviousData,
  });

  return (
    <Card title={t('audit.title')} data-testid="audit-screen">
      <div className="steward-toolbar">
        <Select
          data-testid="audit-event"
          allowClear
          style={{ width: 220 }}
          placeholder={t('audit.event')}
          value={event ?? undefined}
          onChange={(value?: AuditEvent) => {
            setEvent(value ?? null);
            setPage((p) => ({ ...p, page: 1 }));
          }}
          options={enumOptions(t, 'audit_event', AUDIT_EVENTS)}
        />
      </div>
      <div data-testid="audit-table">
        <Table<AuditRow>
          rowKey="id"
          size="small"
          loading={audit.isLoading}
          dataSource={audit.data?.items ?? []}
          pagination={{
            current: page.page,
            pageSize: page.page_size,
            total: audit.data?.total ?? 0,
            showTotal: (total) => t('common.total', { count: total }),
            onChange: (p, size) => setPage({ page: p, page_size: size }),
          }}
          columns={[
            { key: 'at', title: t('audit.time'), width: 180, render: (_, row) => formatDateTime(row.at, i18n.language) },
            {
              key: 'staff',
              title: t('audit.staff'),
              render: (_, row) => row.staff_name ?? row.username ?? t('common.none'),
            },
            {
              key: 'event',
              title: t('audit.event'),
              render: (_, row) => <Tag color={EVENT_COLORS[row.event]}>{t(`enum.audit_event.${row.event}`)}</Tag>,
            },
            { key: 'detail', title: t('audit.detail'), dataIndex: 'detail' },
          ]}
        />
      </div>
    </Card>
  );
}
