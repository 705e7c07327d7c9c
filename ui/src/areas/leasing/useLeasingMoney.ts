import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../shared/format';
import { useCommand } from '../../shared/hooks';
import { useSession } from '../../shared/session';

/** The office's currency when the core gives none: the catalog's default. */
export const DEFAULT_CURRENCY = 'CNY';

/**
 * Formats the leasing amounts (exact decimal strings) in the office's currency. The leasing
 * rows carry no currency: it comes from the catalog settings when the user may read them,
 * else the default.
 */
export function useLeasingMoney(): (value: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const currency = useOfficeCurrency();
  return (value) => (value === null || value === undefined || value === '' ? '' : formatMoney(value, currency, i18n.language));
}

/** The office's currency (a setting of the catalog), for amounts typed in leasing forms. */
export function useOfficeCurrency(): string {
  const { can } = useSession();
  const settings = useCommand('catalog_settings_get', null, { enabled: can('catalog_read'), staleTime: 300_000 });
  return settings.data?.currency ?? DEFAULT_CURRENCY;
}
