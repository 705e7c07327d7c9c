import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/ja';
import 'dayjs/locale/ko';
import type { Locale as AntdLocale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import jaJP from 'antd/locale/ja_JP';
import koKR from 'antd/locale/ko_KR';
import { setSessionLocale } from '../lib/backend';

type Catalog = { locale?: { name?: string } } & Record<string, unknown>;

/** Every file in locales/ is a language: drop a file in and it appears in every language list. */
const files = import.meta.glob<Catalog>('../../../locales/*.json', { eager: true, import: 'default' });

export const catalogs: Record<string, Catalog> = Object.fromEntries(
  Object.entries(files).map(([path, catalog]) => [path.replace(/^.*\//, '').replace(/\.json$/, ''), catalog]),
);

export type CatalogLocale = { code: string; name: string };

export const catalogLocales: CatalogLocale[] = Object.entries(catalogs)
  .map(([code, catalog]) => ({ code, name: catalog.locale?.name ?? code }))
  .sort((a, b) => a.code.localeCompare(b.code));

export const FALLBACK_LOCALE = 'en';

/** Picks the catalog language closest to a requested tag ("zh_CN.UTF-8", "zh-Hans-CN", "en-US" …). */
export function matchLocale(requested: string | null | undefined): string {
  if (!requested) return FALLBACK_LOCALE;
  const tag = requested.replace(/\..*$/, '').replace(/_/g, '-').toLowerCase();
  const codes = Object.keys(catalogs);
  const exact = codes.find((code) => code.toLowerCase() === tag);
  if (exact) return exact;
  const language = tag.split('-')[0];
  if (language === 'zh') {
    const chinese = codes.find((code) => code.toLowerCase() === 'zh-cn') ?? codes.find((c) => c.startsWith('zh'));
    if (chinese) return chinese;
  }
  const sameLanguage = codes.find((code) => code.toLowerCase().split('-')[0] === language);
  return sameLanguage ?? FALLBACK_LOCALE;
}

const antdLocales: Record<string, AntdLocale> = { en: enUS, zh: zhCN, ja: jaJP, ko: koKR };
const dayjsLocales: Record<string, string> = { en: 'en', zh: 'zh-cn', ja: 'ja', ko: 'ko' };

export function antdLocaleFor(code: string): AntdLocale {
  return antdLocales[code.split('-')[0]] ?? enUS;
}

void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(catalogs).map(([code, catalog]) => [code, { translation: catalog }])),
  lng: FALLBACK_LOCALE,
  fallbackLng: FALLBACK_LOCALE,
  interpolation: { prefix: '%{', suffix: '}', escapeValue: false },
  returnNull: false,
  initAsync: false,
});

/** Switches every layer at once: i18next, dayjs (DatePicker), the backend session locale and <html lang>. */
export async function applyLocale(code: string): Promise<void> {
  const locale = matchLocale(code);
  dayjs.locale(dayjsLocales[locale.split('-')[0]] ?? 'en');
  setSessionLocale(locale);
  document.documentElement.lang = locale;
  await i18next.changeLanguage(locale);
}

export default i18next;
