import { useSyncExternalStore } from 'react';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import type { Locale as AntdLocale } from 'antd/es/locale';
// Ant Design's own default texts: part of antd's core either way.
import enUS from 'antd/locale/en_US';
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

/**
 * Ant Design's and Day.js's texts for a language, loaded when the language is first used
 * (English is built into both). Keyed by the language part of the catalog code.
 */
type LocaleParts = { antd: AntdLocale; dayjs: string };
const localeLoaders: Record<string, () => Promise<LocaleParts>> = {
  zh: async () => {
    const [antd] = await Promise.all([import('antd/locale/zh_CN'), import('dayjs/locale/zh-cn')]);
    return { antd: antd.default, dayjs: 'zh-cn' };
  },
  ja: async () => {
    const [antd] = await Promise.all([import('antd/locale/ja_JP'), import('dayjs/locale/ja')]);
    return { antd: antd.default, dayjs: 'ja' };
  },
  ko: async () => {
    const [antd] = await Promise.all([import('antd/locale/ko_KR'), import('dayjs/locale/ko')]);
    return { antd: antd.default, dayjs: 'ko' };
  },
};
const ENGLISH: LocaleParts = { antd: enUS, dayjs: 'en' };
const loadedParts = new Map<string, Promise<LocaleParts>>();

function localeParts(locale: string): Promise<LocaleParts> {
  const language = locale.split('-')[0];
  const load = localeLoaders[language];
  if (!load) return Promise.resolve(ENGLISH);
  let parts = loadedParts.get(language);
  if (!parts) {
    parts = load().catch(() => {
      loadedParts.delete(language);
      return ENGLISH;
    });
    loadedParts.set(language, parts);
  }
  return parts;
}

/**
 * The Ant Design locale in use, for ConfigProvider. Never undefined: ConfigProvider wraps its
 * children in a locale provider only when it has a locale, so dropping it would remount the app.
 */
let antdLocale: AntdLocale = enUS;
const antdLocaleListeners = new Set<() => void>();

export function useAntdLocale(): AntdLocale {
  return useSyncExternalStore(
    (listener) => {
      antdLocaleListeners.add(listener);
      return () => antdLocaleListeners.delete(listener);
    },
    () => antdLocale,
  );
}

void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(catalogs).map(([code, catalog]) => [code, { translation: catalog }])),
  lng: FALLBACK_LOCALE,
  fallbackLng: FALLBACK_LOCALE,
  interpolation: { prefix: '%{', suffix: '}', escapeValue: false },
  returnNull: false,
  initAsync: false,
});

let localeRequest = 0;

/**
 * Switches every layer at once: i18next, Ant Design, dayjs (DatePicker), the backend session
 * locale and <html lang>. Loads the language's Ant Design and Day.js texts first; when
 * several switches overlap, the last one wins.
 */
export async function applyLocale(code: string): Promise<void> {
  const locale = matchLocale(code);
  const request = ++localeRequest;
  const parts = await localeParts(locale);
  if (request !== localeRequest) return;
  dayjs.locale(parts.dayjs);
  setSessionLocale(locale);
  document.documentElement.lang = locale;
  if (antdLocale !== parts.antd) {
    antdLocale = parts.antd;
    antdLocaleListeners.forEach((listener) => listener());
  }
  await i18next.changeLanguage(locale);
}

export default i18next;
