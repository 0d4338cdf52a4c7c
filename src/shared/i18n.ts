/** Languages of everything user-facing: Chinese by default, English on request. */
export type Lang = "zh" | "en";

/** A text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Pick the text of one language. */
export const tr = (text: Bilingual, lang: Lang): string => text[lang];
