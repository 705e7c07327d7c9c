import { useState } from 'react';
import { Card, Select, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent, AuditRow } from '../../lib/backend';
import { usePagedList } from '../../shared/hooks';
import { AUDIT_EVENTS, enumOptions } from '../../shared/options';
import { formatDateTime } from '../../shared/format';
import { auditDetailText } from './auditDetail';

const EVENT_COLORS: Partial<Record<AuditEvent, string>> = {
  login_failed: 'red',
  refused: 'volcano',
  id_revealed: 'orange',
  setup: 'blue',
  account_locked: 'red',
  account_unlocked: 'green',
  password_reset: 'gold',
  role_changed: 'purple',
};

export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const [event, setEvent] = useState<AuditEvent | null>(null);
  const audit = usePagedList('audit_list', { event }, { pageSize: 50 });

  return (
    <Card title={t('audit.title')} data-testid="audit-screen">
      <div className="steward-toolbar">
        <Select
          data-testid="audit-event"
          allowClear
          style={{ minWidth: 220 }}
          placeholder={t('audit.event')}
          value={event ?? undefined}
          onChange={(value?: AuditEvent) => setEvent(value ?? null)}
          options={enumOptions(t, 'audit_event', AUDIT_EVENTS)}
        />
      </div>
      <div data-testid="audit-table">
        <Table<AuditRow>
          rowKey="id"
          size="small"
          {...audit.tableProps}
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
            {
              key: 'detail',
              title: t('audit.detail'),
              render: (_, row) => auditDetailText(t, row),
            },
          ]}
        />
      </div>
    </Card>
  );
}
