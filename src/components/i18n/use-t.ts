/** The one i18n layer: components get text only through `useT` / `useLocalized`. */
import { useLocaleStore, type Locale } from '../../stores/use-locale-store';
import { messages, type MessageKey } from './catalog';

export type { MessageKey };
export type Params = Record<string, string | number>;

/** Looks a key up in the given locale and fills {name} placeholders. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const [zh, en] = messages[key];
  const template: string = locale === 'en' ? en : zh;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The translate function of the current language; re-renders when the language changes. */
export function useT(): (key: MessageKey, params?: Params) => string {
  const locale = useLocaleStore((state) => state.locale);
  return (key, params) => translate(locale, key, params);
}

/** Picks the current language's side of a {zh-CN, en} text from scenario or rule data. */
export function useLocalized(): (text: { 'zh-CN': string; en: string }) => string {
  const locale = useLocaleStore((state) => state.locale);
  return (text) => text[locale];
}
