import { Badge, Button, Empty, List, Popover, Space, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { call, onDeskSwept } from '../../lib/backend';
import { useErrorToast } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { useCommand, useCommandCache } from '../../shared/hooks';
import { navigate } from '../../shared/routes';
import type { AlertRow } from './api';

const REFRESH_MS = 30_000;
const UNREAD = { unread_only: true, page: 1, page_size: 20 } as const;

/** The navigation's numbers: my open cases, my work orders, follow-ups due, unread alerts (every 30 s). */
export function useDeskBadges(enabled: boolean) {
  const badges = useCommand('desk_badges', null, { enabled, refetchInterval: REFRESH_MS });
  const b = badges.data;
  return b ? { my_cases: b.my_cases, my_work_orders: b.my_work_orders, follow_ups: b.follow_ups } : undefined;
}

/** What an escalation sweep may have changed: levels, due tags, lists, counts and alerts. */
const SWEPT = [
  'case_get',
  'case_list',
  'case_mine',
  'work_order_list',
  'work_order_mine',
  'case_kanban_counts',
  'desk_badges',
  'alert_list',
  'desk_dashboard',
] as const;

/**
 * Refetches the desk's data when the shell's escalation sweep changed it: the sweep runs in
 * the shell, so a case page or list on screen would otherwise keep its old escalation level.
 */
export function useSweepRefresh(enabled: boolean) {
  const cache = useCommandCache();
  useEffect(() => {
    if (!enabled) return undefined;
    let stop: (() => void) | null = null;
    let gone = false;
    void onDeskSwept(() => {
      for (const name of SWEPT) void cache.invalidate(name);
    }).then((unlisten) => {
      if (gone) unlisten();
      else stop = unlisten;
    });
    return () => {
      gone = true;
      stop?.();
    };
  }, [enabled, cache]);
}

/** The bell in the header: unread alerts (overdue, escalated, dissatisfied), refreshed every 30 s. */
export function AlertsBell() {
  const { t, i18n } = useTranslation();
  const toast = useErrorToast();
  const cache = useCommandCache();
  const alerts = useCommand('alert_list', { ...UNREAD }, { refetchInterval: REFRESH_MS });
  const rows = alerts.data?.items ?? [];
  const total = alerts.data?.total ?? 0;

  const markRead = async (ids: number[]) => {
    try {
      await call('alert_mark_read', { ids });
    } catch (reason) {
      toast(reason);
    }
    void cache.invalidate('alert_list');
    void cache.invalidate('desk_badges');
  };
  const open = (alert: AlertRow) => {
    void markRead([alert.id]);
    navigate(
      alert.work_order_id
        ? { name: 'case_work_order', params: { caseId: alert.case_id, id: alert.work_order_id } }
        : { name: 'case', params: { id: alert.case_id } },
    );
  };

  const content = (
    <div style={{ width: 380 }} data-testid="alerts-list">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.alerts.none')} />
      ) : (
        <List
          size="small"
          dataSource={rows}
          renderItem={(alert) => (
            <List.Item
              key={alert.id}
              data-testid={`alert-row-${alert.id}`}
              style={{ cursor: 'pointer' }}
              onClick={() => open(alert)}
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <Tag color={alert.kind === 'dissatisfied' ? 'magenta' : 'red'}>
                      {t(`desk.alert_kind.${alert.kind}`, { defaultValue: alert.kind })}
                    </Tag>
                    <Typography.Text strong>{alert.case_number}</Typography.Text>
                    {alert.level > 0 ? <Tag color="volcano">{t('desk.alerts.level', { level: alert.level })}</Tag> : null}
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={0}>
                    <Typography.Text ellipsis style={{ maxWidth: 340 }}>
                      {alert.case_title}
                    </Typography.Text>
                    <Typography.Text type="secondary">{formatDateTime(alert.created_at, i18n.language)}</Typography.Text>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      // Alerts are raised by other people's actions and by the escalation sweep, not only by
      // this window: opening the bell fetches them now instead of waiting for the 30 s refresh.
      onOpenChange={(open) => {
        if (open) void alerts.refetch();
      }}
      title={
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          {t('desk.alerts.title')}
          {rows.length ? (
            <Button size="small" type="link" data-testid="alerts-read-all" onClick={() => void markRead([])}>
              {t('desk.alerts.read_all')}
            </Button>
          ) : null}
        </Space>
      }
      content={content}
    >
      <Badge count={total} size="small" overflowCount={99}>
        <Button shape="circle" icon={<BellOutlined />} aria-label={t('desk.alerts.title')} data-testid="alerts-bell" />
      </Badge>
    </Popover>
  );
}
