import { useSyncExternalStore } from 'react';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import type { Locale as AntdLocale } from 'antd/es/locale';
// Ant Design's own default texts: part of antd's core either way.
import enUS from 'antd/locale/en_US';
import { setSessionLocale } from '../lib/backend';
// English is the fallback of every text: loaded up front. The other languages load when chosen.
import english from '../../../locales/en.json';
import localeNames from 'virtual:locale-names';

export type Catalog = { locale?: { name?: string } } & Record<string, unknown>;

export type CatalogLocale = { code: string; name: string };

export const FALLBACK_LOCALE = 'en';

/** Catalog files by path ("…/locales/ja.json") → catalogs by language code ("ja"). */
export function catalogsFrom(files: Record<string, Catalog>): Record<string, Catalog> {
  return Object.fromEntries(
    Object.entries(files).map(([path, catalog]) => [path.replace(/^.*\//, '').replace(/\.json$/, ''), catalog]),
  );
}

/** The texts of every language loaded so far, by code; filled only through `registerCatalogs` and `loadCatalog`. */
export const catalogs: Record<string, Catalog> = {};

/** Every language the UI knows, loaded or not, by code → its own name (`locale.name`). */
const names: Record<string, string> = { ...localeNames };

/** The catalog files in locales/ other than English, each loaded the first time its language is used. */
const catalogFiles = Object.fromEntries(
  Object.entries(
    import.meta.glob<Catalog>(['../../../locales/*.json', '!../../../locales/en.json'], { import: 'default' }),
  ).map(([path, load]) => [path.replace(/^.*\//, '').replace(/\.json$/, ''), load]),
);
const loadedFiles = new Map<string, Promise<void>>();

/**
 * Makes languages known to every layer: the language lists, `matchLocale` and i18next. The
 * files in locales/ come through here, and so can any other catalog (a test's fixture): a
 * language is its catalog, no code names it.
 */
export function registerCatalogs(added: Record<string, Catalog>): void {
  for (const [code, catalog] of Object.entries(added)) {
    // A file for a language the UI already has adds or replaces texts key by key.
    catalogs[code] = code in catalogs ? merged(catalogs[code], catalog) : catalog;
    names[code] = catalog.locale?.name ?? names[code] ?? code;
    if (i18next.isInitialized) i18next.addResourceBundle(code, 'translation', catalog, true, true);
  }
}

/** Loads the catalog file of `code` from locales/ once; texts registered before it (a dropped file) stay on top. */
function loadCatalog(code: string): Promise<void> {
  const load = catalogFiles[code];
  if (!load) return Promise.resolve();
  let loaded = loadedFiles.get(code);
  if (!loaded) {
    loaded = load()
      .then((file) => {
        catalogs[code] = code in catalogs ? merged(file, catalogs[code]) : file;
        i18next.addResourceBundle(code, 'translation', catalogs[code], true, true);
      })
      .catch(() => {
        loadedFiles.delete(code);
      });
    loadedFiles.set(code, loaded);
  }
  return loaded;
}

function merged(base: Catalog, added: Catalog): Catalog {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(added)) {
    const was = out[key];
    const bothNodes = [was, value].every((v) => typeof v === 'object' && v !== null);
    out[key] = bothNodes ? merged(was as Catalog, value as Catalog) : value;
  }
  return out as Catalog;
}

/** Texts by dotted key ("nav.home"), as the core sends a catalog file read at run time → the nested shape of locales/*.json. */
export function nestCatalog(texts: Record<string, string>): Catalog {
  const root: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(texts)) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = text;
  }
  return root as Catalog;
}

/** The languages by their own names, sorted by code. */
export function catalogLocales(): CatalogLocale[] {
  return Object.entries(names)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Picks the catalog language closest to a requested tag ("zh_CN.UTF-8", "zh-Hans-CN", "en-US" …). */
export function matchLocale(requested: string | null | undefined): string {
  if (!requested) return FALLBACK_LOCALE;
  const tag = requested.replace(/\..*$/, '').replace(/_/g, '-').toLowerCase();
  const codes = Object.keys(names);
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
 * Ant Design's and Day.js's own texts for every language they ship, loaded when a language
 * is first used; which one a catalog code gets is derived from the code, not listed.
 */
type LocaleParts = { antd: AntdLocale; dayjs: string };
type DayjsLocale = Exclude<Parameters<typeof dayjs.locale>[0], string | undefined>;
const antdPacks = import.meta.glob<AntdLocale>('../../node_modules/antd/es/locale/[a-z]*_[A-Z]*.js', {
  import: 'default',
});
const dayjsPacks = import.meta.glob<DayjsLocale>('../../node_modules/dayjs/esm/locale/*.js', { import: 'default' });
const ENGLISH: LocaleParts = { antd: enUS, dayjs: 'en' };
const loadedParts = new Map<string, Promise<LocaleParts>>();

function packName(path: string): string {
  return path.replace(/^.*\//, '').replace(/\.js$/, '');
}

/** "ja" → "ja_JP", "zh-CN" → "zh_CN", "fr" → "fr_FR": the code with its likely region. */
export function antdPackFor(code: string, available: string[]): string | undefined {
  let region: string | undefined;
  try {
    const tag = new Intl.Locale(code);
    region = tag.region ?? tag.maximize().region;
  } catch {
    region = undefined;
  }
  const language = code.split('-')[0].toLowerCase();
  return (
    available.find((name) => name === `${language}_${region}`) ??
    available.find((name) => name.startsWith(`${language}_`))
  );
}

/** "zh-CN" → "zh-cn", "ja" → "ja", "fr-CA" → "fr-ca" or else "fr". */
export function dayjsPackFor(code: string, available: string[]): string | undefined {
  const lower = code.toLowerCase();
  return available.find((name) => name === lower) ?? available.find((name) => name === lower.split('-')[0]);
}

function localeParts(locale: string): Promise<LocaleParts> {
  let parts = loadedParts.get(locale);
  if (parts) return parts;
  const antdPaths = Object.fromEntries(Object.keys(antdPacks).map((path) => [packName(path), path]));
  const dayjsPaths = Object.fromEntries(Object.keys(dayjsPacks).map((path) => [packName(path), path]));
  const antdName = antdPackFor(locale, Object.keys(antdPaths));
  const dayjsName = dayjsPackFor(locale, Object.keys(dayjsPaths));
  if (antdName === 'en_US' && (!dayjsName || dayjsName === 'en')) return Promise.resolve(ENGLISH);
  parts = Promise.all([
    antdName ? antdPacks[antdPaths[antdName]]() : Promise.resolve(enUS),
    // Registered on this module's dayjs: the pack's own import may be another copy of it.
    dayjsName
      ? dayjsPacks[dayjsPaths[dayjsName]]().then((pack) => dayjs.locale(pack, undefined, true))
      : Promise.resolve('en'),
  ])
    .then(([antd, dayjsLocale]) => ({ antd, dayjs: dayjsLocale }))
    .catch(() => {
      loadedParts.delete(locale);
      return ENGLISH;
    });
  loadedParts.set(locale, parts);
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

/** Every file in locales/ is a language (in `names`): drop a file in and it appears in every language list. */
registerCatalogs({ [FALLBACK_LOCALE]: english });

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
 * locale and <html lang>. Loads the language's catalog, Ant Design and Day.js texts first; when
 * several switches overlap, the last one wins.
 */
export async function applyLocale(code: string): Promise<void> {
  const locale = matchLocale(code);
  const request = ++localeRequest;
  const [parts] = await Promise.all([localeParts(locale), loadCatalog(locale)]);
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
