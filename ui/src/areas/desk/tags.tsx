import { useEffect, useState, type KeyboardEvent } from 'react';
import { Rate, Space, Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined, WarningFilled } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { durationParts, formatCents, formatDateTime } from '../../shared/format';
import type { CaseStatus, Priority, WorkOrderStatus } from './vocab';

const CASE_STATUS_COLOURS: Record<CaseStatus, string> = {
  new: 'blue',
  in_progress: 'processing',
  awaiting_follow_up: 'gold',
  closed: 'default',
};
const WORK_ORDER_STATUS_COLOURS: Record<WorkOrderStatus, string> = {
  new: 'blue',
  dispatched: 'cyan',
  accepted: 'geekblue',
  in_progress: 'processing',
  paused: 'orange',
  done: 'lime',
  verified: 'green',
  cancelled: 'default',
};
const PRIORITY_COLOURS: Record<Priority, string> = { low: 'default', normal: 'blue', high: 'orange', urgent: 'red' };

/** A case's or a work order's status, in the current language. */
export function StatusTag({ status, of = 'case' }: { status: string; of?: 'case' | 'work_order' }) {
  const { t } = useTranslation();
  const colours: Record<string, string> = of === 'case' ? CASE_STATUS_COLOURS : WORK_ORDER_STATUS_COLOURS;
  return (
    <Tag color={colours[status] ?? 'default'} data-testid={`status-${status}`}>
      {t(`desk.${of}_status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLOURS[priority as Priority] ?? 'default'} data-testid={`priority-${priority}`}>
      {t(`desk.priority.${priority}`, { defaultValue: priority })}
    </Tag>
  );
}

/** "2 h 15 min" / "2 小时 15 分钟" / "3 d": the length of a span, numbers formatted for the locale. */
export function formatDuration(t: TFunction, locale: string, milliseconds: number): string {
  const { days, hours, minutes } = durationParts(milliseconds);
  const n = (value: number) => new Intl.NumberFormat(locale).format(value);
  // Whole days or hours read without a trailing "0 h" / "0 min".
  if (days > 0 && hours === 0) return t('desk.duration.days_only', { days: n(days) });
  if (days > 0) return t('desk.duration.days', { days: n(days), hours: n(hours) });
  if (hours > 0 && minutes === 0) return t('desk.duration.hours_only', { hours: n(hours) });
  if (hours > 0) return t('desk.duration.hours', { hours: n(hours), minutes: n(minutes) });
  return t('desk.duration.minutes', { minutes: n(minutes) });
}

/** The current time, refreshed every minute (or as given), for relative times. */
export function useNow(intervalMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

type DueProps = {
  /** ISO instant from the core. */
  due: string;
  /** When the case/work order was completed: then nothing is overdue any more. */
  settled?: boolean;
  /** Defaults to the current time, refreshed each minute. */
  now?: Date;
  /** For table cells: the relative time above, the absolute time below, nothing wraps. */
  stacked?: boolean;
};

/** A red tag "overdue by 2 h 15 min" when past due; nothing otherwise. */
export function OverdueTag({ due, settled, now }: DueProps) {
  const { t, i18n } = useTranslation();
  const live = useNow();
  const current = now ?? live;
  const late = current.getTime() - new Date(due).getTime();
  if (settled || !(late > 0)) return null;
  return (
    <Tag color="red" icon={<WarningFilled />} data-testid="overdue-tag" style={{ fontWeight: 600 }}>
      {t('desk.due.overdue_by', { duration: formatDuration(t, i18n.language, late) })}
    </Tag>
  );
}

/** The due time: relative ("due in 40 min" / overdue tag) with the absolute time beside it. */
export function DueTime({ due, settled, now, stacked }: DueProps) {
  const { t, i18n } = useTranslation();
  const live = useNow();
  const current = now ?? live;
  const absolute = formatDateTime(due, i18n.language);
  const left = new Date(due).getTime() - current.getTime();
  return (
    // The countdown and the date each stay whole ("残り16日20時間" broke mid-word in a narrow column).
    <Space size={stacked ? 0 : 4} wrap={!stacked} orientation={stacked ? 'vertical' : 'horizontal'} className="steward-nowrap" data-testid="due-time">
      {settled ? null : left > 0 ? (
        <Typography.Text type={left < 3_600_000 ? 'warning' : undefined}>
          <ClockCircleOutlined /> {t('desk.due.due_in', { duration: formatDuration(t, i18n.language, left) })}
        </Typography.Text>
      ) : (
        <OverdueTag due={due} now={current} />
      )}
      <Typography.Text type="secondary" data-testid="due-absolute">
        {absolute}
      </Typography.Text>
    </Space>
  );
}

/** Integer cents from the core, shown in the locale's currency format (CNY unless told). */
export function Money({ cents, currency = 'CNY' }: { cents: number | bigint; currency?: string }) {
  const { i18n } = useTranslation();
  return (
    <span data-testid="money" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatCents(cents, i18n.language, currency)}
    </span>
  );
}

type SatisfactionProps = {
  value?: number | null;
  onChange?: (score: number) => void;
  /** Display only. */
  readOnly?: boolean;
  id?: string;
};

/**
 * A satisfaction score 1–5. As an input: keys 1–5 choose, arrows step; each star's name
 * ("Very dissatisfied" … "Very satisfied") is its tooltip and accessible name.
 */
export function Satisfaction({ value, onChange, readOnly, id }: SatisfactionProps) {
  const { t } = useTranslation();
  const names = [1, 2, 3, 4, 5].map((score) => t(`desk.satisfaction.${score}`));
  if (readOnly) {
    if (!value) return <Typography.Text type="secondary">{t('desk.satisfaction.none')}</Typography.Text>;
    return (
      <Tooltip title={names[value - 1]}>
        <Space size={4} data-testid="satisfaction" aria-label={`${t('desk.satisfaction.label')} ${value}/5`}>
          <Rate disabled value={value} style={{ color: value <= 2 ? '#cf1322' : undefined }} />
          <Typography.Text type={value <= 2 ? 'danger' : undefined}>{names[value - 1]}</Typography.Text>
        </Space>
      </Tooltip>
    );
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (/^[1-5]$/.test(event.key)) {
      event.preventDefault();
      onChange?.(Number(event.key));
    }
  };
  return (
    <Space size={8} onKeyDown={onKeyDown}>
      <Rate
        id={id}
        data-testid="satisfaction-input"
        value={value ?? 0}
        allowClear={false}
        tooltips={names}
        keyboard
        onChange={(score) => score && onChange?.(score)}
        aria-label={t('desk.satisfaction.label')}
      />
      {value ? <Typography.Text type={value <= 2 ? 'danger' : undefined}>{names[value - 1]}</Typography.Text> : null}
    </Space>
  );
}
