// The typed translation helper shared by every template: `translator(lang)(key, params)`.
import { en } from './en.ts';
import { it, type MessageKey } from './it.ts';

export type { MessageKey } from './it.ts';

/** The UI languages (ARCHITECTURE "The web": Italian by default, with an English catalogue). */
export const LANGS = ['it', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'it';

export type TParams = Readonly<Record<string, string | number>>;
/** A translate function bound to one language. */
export type T = (key: MessageKey, params?: TParams) => string;

const CATALOGUES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { it, en };

/** Narrows untrusted input (cookie, Accept-Language, form) to a supported language. */
export function parseLang(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : DEFAULT_LANG;
}

/** Replaces `{name}` placeholders; an unknown placeholder is left visible so a missing param shows in review. */
function interpolate(text: string, params: TParams | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/** One-shot translation: `t('it', 'folder.inbox')`. */
export function t(lang: Lang, key: MessageKey, params?: TParams): string {
  return interpolate(CATALOGUES[lang][key], params);
}

/** A translate function bound to `lang`, passed down to sub-components. */
export function translator(lang: Lang): T {
  return (key, params) => t(lang, key, params);
}

/** Every key, for tests that compare catalogues. */
export function catalogueKeys(lang: Lang): MessageKey[] {
  return Object.keys(CATALOGUES[lang]) as MessageKey[];
}
