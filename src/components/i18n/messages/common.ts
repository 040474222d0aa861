/** Shared UI strings: [zh-CN, en] side by side so a translation is never missing. */
export const commonMessages = {
  'app.name': ['服务道场', 'ServiceDojo'],
  'app.tagline': [
    '和模拟顾客对练真实的服务对话，按培训教材逐句评分',
    'Rehearse real service conversations with a simulated customer, scored reply by reply against your training material',
  ],
  'app.skip': ['跳到主要内容', 'Skip to main content'],
  'nav.main': ['主导航', 'Main navigation'],
  'nav.library': ['场景库', 'Scenarios'],
  'nav.history': ['练习记录', 'History'],
  'nav.profile': ['个人资料', 'Profile'],
  'lang.label': ['界面语言', 'Language'],
  'lang.zh-CN': ['中文', '中文'],
  'lang.en': ['English', 'English'],
  'notFound.title': ['找不到这个页面', 'Page not found'],
  'notFound.back': ['回到首页', 'Back to the start page'],
} as const;
