import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { NoticeRow, NoticeStatus } from '../../lib/backend';
import { useCommand } from '../../shared/hooks';
import { formatDate } from '../../shared/format';

export const NOTICE_STATUS_COLORS: Record<NoticeStatus, string> = { draft: 'default', issued: 'green', withdrawn: 'red' };

/** The languages a notice may be written in, from the core (customers' languages and the catalog's). */
export function useNoticeLanguages(): string[] {
  const languages = useCommand('notice_languages', null, { staleTime: Infinity });
  return languages.data ?? [];
}

/** "简体中文" for "zh-CN": the catalog's name of a language, else its code. */
export function useLanguageName(): (code: string) => string {
  const { t } = useTranslation();
  return (code) => t(`language.${code}`, { defaultValue: code });
}

/** Who a notice goes to, in words: "All units", "A座", "A座, floors 3–7", "12 units". */
export function useAudienceText(): (row: Pick<NoticeRow, 'audience' | 'building_name' | 'floor_from' | 'floor_to' | 'unit_count'>) => string {
  const { t } = useTranslation();
  return (row) => {
    switch (row.audience) {
      case 'all':
        return t('enum.notice_audience.all');
      case 'building':
        return row.building_name ?? '—';
      case 'floors':
        return t('notices.audience_floors', { building: row.building_name ?? '—', from: row.floor_from, to: row.floor_to });
      case 'units':
        return t('notices.audience_units', { count: row.unit_count });
    }
  };
}

/** The event's day, or first and last day. */
export function EventDates({ row }: { row: Pick<NoticeRow, 'event_date' | 'event_end'> }) {
  const { i18n } = useTranslation();
  if (!row.event_date) return <>—</>;
  const from = formatDate(row.event_date, i18n.language);
  return <>{row.event_end && row.event_end !== row.event_date ? `${from} – ${formatDate(row.event_end, i18n.language)}` : from}</>;
}

/** A language tag; a recipient's page that fell back to the default language is marked. */
export function LanguageTag({ code, fellBack, testId }: { code: string; fellBack?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const name = useLanguageName();
  const tag = (
    <Tag color={fellBack ? 'orange' : 'blue'} data-testid={testId}>
      {name(code)}
      {fellBack ? ` · ${t('notices.fell_back')}` : ''}
    </Tag>
  );
  return fellBack ? <Tooltip title={t('notices.fell_back_hint')}>{tag}</Tooltip> : tag;
}
