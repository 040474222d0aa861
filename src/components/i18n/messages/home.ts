export const homeMessages = {
  'home.title': ['今天想练哪一段对话？', 'Which conversation do you want to practise today?'],
  'home.intro': [
    '从场景库里挑一个场景：处理投诉、SPIN 提问、附加服务、个性化服务或退货挽回。每一句回复都会按教材的规则分析，并在报告里说明每一分的来由。',
    'Pick a scenario from the library: complaint handling, SPIN questioning, value-add offers, personalised service or returns. Every reply is analysed against the rules of the course material, and the report explains where each point came from.',
  ],
  'home.start': ['打开场景库', 'Open the scenario library'],
} as const;
