/** Chinese UI strings: the source of truth for every key (en.ts must have the same keys). */
export const zhCN = {
  'app.name': '服务道场',
  'app.tagline': '和模拟顾客对练真实的服务对话，按培训教材逐句评分',
  'app.skip': '跳到主要内容',
  'nav.main': '主导航',
  'nav.library': '场景库',
  'nav.history': '练习记录',
  'nav.profile': '个人资料',
  'lang.label': '界面语言',
  'lang.zh-CN': '中文',
  'lang.en': 'English',
  'home.title': '今天想练哪一段对话？',
  'home.intro':
    '从场景库里挑一个场景：处理投诉、SPIN 提问、附加服务、个性化服务或退货挽回。每一句回复都会按教材的规则分析，并在报告里说明每一分的来由。',
  'home.start': '打开场景库',
  'notFound.title': '找不到这个页面',
  'notFound.back': '回到首页',
} as const;

export type MessageKey = keyof typeof zhCN;
