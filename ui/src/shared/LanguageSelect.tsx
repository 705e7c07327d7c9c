import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { catalogLocales } from './i18n';

type Props = { onChange: (code: string) => void; testId?: string; width?: number };

/** The languages are the catalog files in locales/, each named by its own `locale.name`. */
export function LanguageSelect({ onChange, testId = 'language-select', width = 150 }: Props) {
  const { i18n, t } = useTranslation();
  const locales = catalogLocales();
  return (
    <Select
      data-testid={testId}
      aria-label={t('common.language')}
      value={i18n.language}
      style={{ minWidth: width }}
      onChange={onChange}
      options={locales.map((locale) => ({
        value: locale.code,
        label: locale.name,
        'data-testid': `language-option-${locale.code}`,
      }))}
    />
  );
}
