/** Scenario library strings: [zh-CN, en]. */
export const libraryMessages = {
  'library.title': ['场景库', 'Scenario library'],
  'library.intro': [
    '挑一个场景开始对练。卡片上能看到难度、大约用时和你目前的最好成绩。',
    'Pick a scenario to rehearse. Each card shows its difficulty, rough duration and your best score so far.',
  ],
  'library.filters': ['筛选场景', 'Filter scenarios'],
  'library.search': ['搜索标题或简介', 'Search titles and briefs'],
  'library.category': ['类别', 'Category'],
  'library.difficulty': ['难度', 'Difficulty'],
  'library.all': ['全部', 'All'],
  'library.mode': ['练习模式', 'Practice mode'],
  'library.count': ['共 {shown} 个场景（总共 {total} 个）', '{shown} of {total} scenarios'],
  'library.none': [
    '没有符合条件的场景。换个关键词或清除筛选试试。',
    'No scenario matches. Try another word or clear the filters.',
  ],
  'library.clear': ['清除筛选', 'Clear filters'],
  'library.empty': ['还没有可用的场景。', 'No scenarios are available yet.'],
  'library.duration': ['约 {minutes} 分钟', 'About {minutes} min'],
  'library.best': ['最好成绩 {score} 分', 'Best score {score}'],
  'library.done': ['已完成 {count} 次', 'Done {count}×'],
  'library.notDone': ['未练习', 'Not done yet'],
  'library.inProgress': ['进行中', 'In progress'],
  'library.resume': ['继续上次的练习（{mode}）', 'Resume ({mode})'],
  'library.start': ['开始练习：{title}', 'Start: {title}'],
  'library.startShort': ['开始练习', 'Start'],
  'library.examUsed': ['考试 {used}/{limit} 次', 'Exam {used} of {limit}'],
  'library.examUsedUp': [
    '考试次数已用完，如需再考请联系培训师',
    'No exam attempts left; ask your trainer',
  ],
  'library.errors': [
    '{count} 个场景文件有问题，未能加载',
    '{count} problem(s) in scenario files; those files were not loaded',
  ],
  'library.errorsHelp': [
    '请把下面的信息转给负责编写场景的培训师。',
    'Please pass the details below to the trainer who writes the scenarios.',
  ],
} as const;
