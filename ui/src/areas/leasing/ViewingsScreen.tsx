import { useMemo, useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Segmented, Space, Switch, Tooltip, Typography } from 'antd';
import { BellOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { ViewingRow } from '../../lib/backend';
import { formatDate, formatDayHeading, formatTime } from '../../shared/format';
import { useCommand } from '../../shared/hooks';
import { useSession } from '../../shared/session';
import { addDays, byDay, dayKey, FIRST_HOUR, LAST_HOUR, placement, remindSoon, viewDays, viewRange } from './calendar';
import { ReferralDrawer } from './ReferralDrawer';

type View = 'day' | 'week';

const HOUR_PX = 48;
const HOURS = Array.from({ length: LAST_HOUR - FIRST_HOUR }, (_, i) => FIRST_HOUR + i);

/** The leasing desk's viewings: a day or a week of appointments; each opens its referral. */
export function ViewingsScreen({ initialDate }: { initialDate?: Date } = {}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [view, setView] = useState<View>('week');
  const [anchor, setAnchor] = useState<Date>(() => initialDate ?? new Date());
  const [open, setOpen] = useState<number | null>(null);
  const [mine, setMine] = useState(false);
  const { me } = useSession();
  const days = useMemo(() => viewDays(anchor, view), [anchor, view]);
  const range = viewRange(days);
  const viewings = useCommand('viewing_list', { ...range, staff_id: mine ? me.id : null, include_cancelled: false });
  const grouped = useMemo(() => byDay(viewings.data ?? []), [viewings.data]);
  const today = dayKey(new Date());
  const step = view === 'day' ? 1 : 7;
  const title =
    view === 'day'
      ? formatDate(dayKey(days[0]), locale)
      : t('leasing.viewing.week_of', { from: formatDate(dayKey(days[0]), locale), to: formatDate(dayKey(days[6]), locale) });

  return (
    <Card
      title={t('nav.viewings')}
      data-testid="viewings-screen"
      extra={
        <Space wrap>
          <Space size={4}>
            <Switch size="small" checked={mine} onChange={setMine} data-testid="viewings-mine" />
            <Typography.Text>{t('leasing.viewing.only_mine')}</Typography.Text>
          </Space>
          <Button icon={<LeftOutlined />} aria-label={t('leasing.viewing.previous')} onClick={() => setAnchor(addDays(anchor, -step))} data-testid="viewings-prev" />
          <Button onClick={() => setAnchor(new Date())} data-testid="viewings-today">
            {t('leasing.viewing.today')}
          </Button>
          <Button icon={<RightOutlined />} aria-label={t('leasing.viewing.next')} onClick={() => setAnchor(addDays(anchor, step))} data-testid="viewings-next" />
          <DatePicker
            allowClear={false}
            value={dayjs(anchor)}
            onChange={(d) => d && setAnchor(d.toDate())}
            data-testid="viewings-date"
          />
          <Segmented<View>
            value={view}
            onChange={setView}
            options={[
              { value: 'day', label: <span data-testid="viewings-view-day">{t('leasing.viewing.day')}</span> },
              { value: 'week', label: <span data-testid="viewings-view-week">{t('leasing.viewing.week')}</span> },
            ]}
          />
        </Space>
      }
    >
      <Typography.Title level={5} data-testid="viewings-range">
        {title}
      </Typography.Title>
      {viewings.isError ? <Alert type="error" showIcon title={t(`error.${viewings.error.code}`)} /> : null}
      {viewings.data && viewings.data.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('leasing.viewing.none_in_range')} />
      ) : null}
      <div style={{ display: 'flex', overflowX: 'auto' }} data-testid={`viewings-grid-${view}`}>
        <div style={{ width: 48, flex: 'none', paddingTop: 32 }}>
          {HOURS.map((h) => (
            <div key={h} style={{ height: HOUR_PX, fontSize: 12, color: '#888', textAlign: 'right', paddingRight: 6 }}>
              {formatTime(new Date(2000, 0, 1, h), locale)}
            </div>
          ))}
        </div>
        {days.map((day) => {
          const key = dayKey(day);
          const list = grouped.get(key) ?? [];
          return (
            <div key={key} style={{ flex: 1, minWidth: view === 'day' ? 320 : 120, borderLeft: '1px solid #eee' }} data-testid={`viewing-day-${key}`}>
              <div
                style={{ height: 32, textAlign: 'center', fontWeight: key === today ? 700 : 500, color: key === today ? '#1f6f5c' : undefined }}
                data-testid={`viewing-day-heading-${key}`}
              >
                {formatDayHeading(day, locale)}
              </div>
              <div style={{ position: 'relative', height: HOURS.length * HOUR_PX }}>
                {HOURS.map((h) => (
                  <div key={h} style={{ position: 'absolute', top: (h - FIRST_HOUR) * HOUR_PX, left: 0, right: 0, borderTop: '1px solid #f0f0f0' }} />
                ))}
                {list.map((v) => (
                  <ViewingBlock key={v.id} viewing={v} totalPx={HOURS.length * HOUR_PX} onOpen={() => setOpen(v.referral_id)} />
                ))}
              </div>
            </div>
          );
        })}
      </div>
      {open !== null ? <ReferralDrawer id={open} onClose={() => setOpen(null)} /> : null}
    </Card>
  );
}

function ViewingBlock({ viewing: v, totalPx, onOpen }: { viewing: ViewingRow; totalPx: number; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  const { top, height } = placement(v);
  const soon = remindSoon(v);
  const done = v.status === 'done';
  return (
    <Tooltip title={`${v.listing_title} · ${v.staff_name}${v.agency_name ? ` · ${v.agency_name}` : ''}`}>
      <button
        type="button"
        onClick={onOpen}
        data-testid={`viewing-${v.id}`}
        data-remind={soon ? 'true' : 'false'}
        aria-label={t('leasing.viewing.block_label', { prospect: v.prospect_name, unit: v.unit_label, at: formatTime(v.starts_at, i18n.language) })}
        style={{
          position: 'absolute',
          top: top * totalPx,
          height: Math.max(height * totalPx, 22),
          left: 2,
          right: 2,
          overflow: 'hidden',
          textAlign: 'left',
          fontSize: 12,
          lineHeight: '16px',
          padding: '2px 4px',
          cursor: 'pointer',
          borderRadius: 4,
          border: soon ? '2px solid #d46b08' : '1px solid #91caff',
          background: soon ? '#fff7e6' : done ? '#f6ffed' : '#e6f4ff',
        }}
      >
        <strong>{formatTime(v.starts_at, i18n.language)}</strong> {soon ? <BellOutlined style={{ color: '#d46b08' }} /> : null} {v.prospect_name}
        <div>{v.unit_label}</div>
        {done ? <div>{t('enum.viewing_status.done')}</div> : null}
      </button>
    </Tooltip>
  );
}
