import type { MessageKey } from './zh-CN';

/** English UI strings; the compiler checks every Chinese key has a translation. */
export const en: Record<MessageKey, string> = {
  'app.name': 'ServiceDojo',
  'app.tagline':
    'Rehearse real service conversations with a simulated customer, scored reply by reply against your training material',
  'app.skip': 'Skip to main content',
  'nav.main': 'Main navigation',
  'nav.library': 'Scenarios',
  'nav.history': 'History',
  'nav.profile': 'Profile',
  'lang.label': 'Language',
  'lang.zh-CN': '中文',
  'lang.en': 'English',
  'home.title': 'Which conversation do you want to practise today?',
  'home.intro':
    'Pick a scenario from the library: complaint handling, SPIN questioning, value-add offers, personalised service or returns. Every reply is analysed against the rules of the course material, and the report explains where each point came from.',
  'home.start': 'Open the scenario library',
  'notFound.title': 'Page not found',
  'notFound.back': 'Back to the start page',
};
