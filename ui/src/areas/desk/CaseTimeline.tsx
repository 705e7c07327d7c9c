import type { ReactNode } from 'react';
import { Empty, Space, Tag, Timeline, Typography } from 'antd';
import {
  ArrowUpOutlined,
  CheckCircleOutlined,
  CloseCircleOutlined,
  CommentOutlined,
  DollarOutlined,
  EditOutlined,
  FlagOutlined,
  InboxOutlined,
  LockOutlined,
  PaperClipOutlined,
  PauseCircleOutlined,
  PhoneOutlined,
  PlayCircleOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SmileOutlined,
  ToolOutlined,
  UndoOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import type { CaseEventKind } from './vocab';

/** One field change inside an event ("priority: normal → urgent"). Raw stored values. */
export type FieldChange = { field: string; from: string | null; to: string | null };

/**
 * A case_event row as the timeline needs it. `data` follows the design note: from/to status,
 * field changes, the satisfaction score.
 */
export type TimelineEvent = {
  id: number;
  kind: CaseEventKind | string;
  /** ISO instant. */
  at: string;
  /** Who did it; null for the system (escalation sweep). */
  staff_name: string | null;
  /** Set when the event belongs to a work order: its status vocabulary and field names apply. */
  work_order_id?: number | null;
  /** The work order's number ("C000123-2"), shown instead of its id. */
  work_order_label?: string | null;
  note?: string | null;
  data?: {
    from?: string | null;
    to?: string | null;
    changes?: FieldChange[];
    score?: number | null;
  } | null;
};

const ICONS: Record<CaseEventKind, ReactNode> = {
  received: <InboxOutlined />,
  edited: <EditOutlined />,
  dispatched: <SendOutlined />,
  accepted: <CheckCircleOutlined />,
  started: <PlayCircleOutlined />,
  paused: <PauseCircleOutlined />,
  resumed: <PlayCircleOutlined />,
  done: <ToolOutlined />,
  verified: <SafetyCertificateOutlined />,
  sent_back: <RollbackOutlined />,
  cancelled: <CloseCircleOutlined />,
  handed_over: <UserSwitchOutlined />,
  escalated: <ArrowUpOutlined />,
  follow_up_attempt: <PhoneOutlined />,
  followed_up: <SmileOutlined />,
  reopened: <UndoOutlined />,
  closed: <LockOutlined />,
  resolved: <CheckCircleOutlined />,
  attachment_added: <PaperClipOutlined />,
  charge_added: <DollarOutlined />,
  note: <CommentOutlined />,
};

const COLOURS: Partial<Record<CaseEventKind, string>> = {
  escalated: 'red',
  reopened: 'red',
  cancelled: 'gray',
  sent_back: 'orange',
  paused: 'orange',
  verified: 'green',
  closed: 'green',
  followed_up: 'green',
};

/** Catalog sections translating the stored values of enum-like fields. */
function valueSection(entity: 'service_case' | 'work_order', field: string): string | null {
  switch (field) {
    case 'status':
      return entity === 'work_order' ? 'desk.work_order_status' : 'desk.case_status';
    case 'priority':
      return 'desk.priority';
    case 'kind':
      return 'desk.kind';
    case 'channel':
      return 'desk.channel';
    case 'language':
      return 'language';
    case 'consultation_topic':
      return 'enum.consultation_topic';
    default:
      return null;
  }
}

export function changeText(
  t: TFunction,
  entity: 'service_case' | 'work_order',
  field: string,
  value: string | null,
): string {
  if (value === null || value === '') return t('common.empty_value');
  const section = valueSection(entity, field);
  return section ? t(`${section}.${value}`, { defaultValue: value }) : value;
}

type Props = {
  events: TimelineEvent[];
  /** Dates in this time zone (the office's); the system's otherwise. */
  timeZone?: string;
};

/** A case's history, newest first: what happened, who, when, the note and what changed. */
export function CaseTimeline({ events, timeZone }: Props) {
  const { t, i18n } = useTranslation();
  if (!events.length) return <Empty description={t('desk.timeline.empty')} />;
  const newestFirst = [...events].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  return (
    <Timeline
      data-testid="case-timeline"
      items={newestFirst.map((event) => {
        const entity = event.work_order_id ? 'work_order' : 'service_case';
        const from = event.data?.from;
        const to = event.data?.to;
        return {
          key: event.id,
          icon: ICONS[event.kind as CaseEventKind] ?? <FlagOutlined />,
          color: COLOURS[event.kind as CaseEventKind] ?? '#1f6f5c',
          content: (
            <div data-testid={`event-${event.id}`}>
              <Space size={8} wrap>
                <Typography.Text strong>{t(`desk.event.${event.kind}`, { defaultValue: event.kind })}</Typography.Text>
                {event.work_order_id ? <Tag>{event.work_order_label ?? `#${event.work_order_id}`}</Tag> : null}
                <Typography.Text type="secondary">{event.staff_name ?? t('desk.timeline.system')}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(event.at, i18n.language, timeZone)}</Typography.Text>
              </Space>
              {from || to ? (
                <div data-testid={`event-${event.id}-status`}>
                  {t('desk.timeline.status', {
                    from: changeText(t, entity, 'status', from ?? null),
                    to: changeText(t, entity, 'status', to ?? null),
                  })}
                </div>
              ) : null}
              {(event.data?.changes ?? []).map((change) => (
                <div key={change.field} data-testid={`event-${event.id}-${change.field}`}>
                  {t('desk.timeline.field', {
                    field: t(`history.${entity}.${change.field}`, { defaultValue: change.field }),
                    from: changeText(t, entity, change.field, change.from),
                    to: changeText(t, entity, change.field, change.to),
                  })}
                </div>
              ))}
              {event.data?.score ? <div>{t('desk.timeline.score', { score: event.data.score })}</div> : null}
              {event.note ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{event.note}</Typography.Paragraph>
              ) : null}
            </div>
          ),
        };
      })}
    />
  );
}
