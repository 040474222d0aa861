/** History page strings: [zh-CN, en]. */
export const historyMessages = {
  'history.title': ['练习记录', 'Practice history'],
  'history.restore': [
    '从备份恢复（导出过的成绩包）',
    'Restore from a backup (a result bundle you exported)',
  ],
  'history.restored': [
    '已恢复 {added} 条练习（重新评分），{duplicates} 条已在本机，{refused} 条无法恢复。',
    'Restored {added} attempts (re-scored); {duplicates} were already here, {refused} could not be restored.',
  ],
  'history.restoreFailed': [
    '恢复中断：{reason}。已恢复的练习保留。',
    'The restore stopped: {reason}. What was restored is kept.',
  ],
  'history.restoreRejected': [
    '这个文件不能恢复：不是完整的服务道场成绩包（或超过 50 MB）。',
    'This file cannot be restored: it is not a whole ServiceDojo result bundle (or is over 50 MB).',
  ],
  'history.exportBundle': [
    '把成绩包交给培训师（课堂收集成绩用）',
    'Hand your results to the trainer (result bundle for the classroom)',
  ],
  'history.intro': [
    '你做过的每一次练习，最新的在最前面。点“查看报告”可以回看每一分的来由。',
    'Every practice you have done, newest first. Open a report to see where each point came from.',
  ],
  'history.empty': [
    '还没有练习记录。去场景库挑一个场景开始吧。',
    'No practice yet. Pick a scenario in the library to begin.',
  ],
  'history.toLibrary': ['打开场景库', 'Open the scenario library'],
  'history.loading': ['正在读取练习记录…', 'Reading your practice history…'],
  'history.failed': [
    '读取练习记录失败：浏览器不允许访问本地存储。',
    'Could not read your history: the browser refused local storage.',
  ],
  'history.notKept': [
    '这台设备不保存练习记录（例如无痕模式下）。',
    'Practice records are not stored on this device (in private mode, for example).',
  ],
  'history.thisTab': [
    '下面是在这个标签页里做过的练习，关闭标签页后就没有了。',
    'Below is the practice done in this tab; it is gone once you close the tab.',
  ],
  'history.noneInTab': ['这个标签页里还没有练习。', 'No practice in this tab yet.'],
  'history.table': ['全部练习', 'All attempts'],
  'history.col.scenario': ['场景', 'Scenario'],
  'history.col.mode': ['模式', 'Mode'],
  'history.col.date': ['开始时间', 'Started'],
  'history.col.score': ['得分', 'Score'],
  'history.col.result': ['结果', 'Result'],
  'history.col.ending': ['结局', 'Ending'],
  'history.col.status': ['状态', 'Status'],
  'history.col.action': ['操作', 'Action'],
  'history.passed': ['通过', 'Passed'],
  'history.failedResult': ['未通过', 'Not passed'],
  'history.status.in-progress': ['进行中', 'In progress'],
  'history.status.finished': ['已完成', 'Finished'],
  'history.status.abandoned': ['已放弃', 'Abandoned'],
  'history.report': ['查看报告', 'Open report'],
  'history.resume': ['继续练习', 'Resume'],
  'history.none': ['—', '—'],
  'history.trend': ['得分趋势', 'Score trend'],
  'history.trendScenario': ['选择场景', 'Scenario'],
  'history.trendTitle': ['{title}：历次得分', '{title}: scores over time'],
  'history.passLine': ['及格线 {score} 分', 'Pass mark {score}'],
  'history.passLineNote': [
    '每种模式一条线（教练、考试、选择分开），虚线是及格线 {score} 分。',
    'One line per mode (coach, exam and choice apart); the dashed line is the pass mark, {score}.',
  ],
  'history.trendEmpty': [
    '完成一次练习后，这里会显示得分的变化。',
    'Finish a practice and your scores over time appear here.',
  ],
} as const;
