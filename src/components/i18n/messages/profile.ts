/** Profile page strings: [zh-CN, en]. */
export const profileMessages = {
  'profile.title': ['个人资料', 'Your profile'],
  'profile.firstTime': [
    '第一次练习前，请先留下你的姓名、工号和部门。每一条练习记录都会写上这些信息。',
    'Before your first practice, tell us your name, employee number and department. Every practice record carries them.',
  ],
  'profile.intro': [
    '这些信息会写进你的每一条练习记录，随时可以修改。',
    'These details go into every practice record; you can change them at any time.',
  ],
  'profile.name': ['姓名', 'Name'],
  'profile.employeeNo': ['工号', 'Employee number'],
  'profile.department': ['部门', 'Department'],
  'profile.save': ['保存', 'Save'],
  'profile.saveAndContinue': ['保存并开始练习', 'Save and start practising'],
  'profile.saved': ['已保存。', 'Saved.'],
  'profile.saveFailed': [
    '保存失败：浏览器不允许写入本地存储。请检查隐私设置后重试。',
    'Could not save: the browser refused local storage. Check its privacy settings and try again.',
  ],
  'profile.savedForSession': [
    '已记住。这个浏览器存不下资料，关闭标签页后需要重新填写，练习可以照常进行。',
    'Noted. This browser cannot store your details, so you will be asked again after closing the tab; you can practise as usual.',
  ],
  'profile.errorSummary': ['请先改正以下问题：', 'Please fix the following first:'],
  'profile.error.required': ['请填写{field}。', 'Please enter your {field}.'],
  'profile.error.tooLong': [
    '{field}最多 {max} 个字符。',
    'Your {field} can be at most {max} characters.',
  ],
  'profile.loading': ['正在读取个人资料…', 'Reading your profile…'],
} as const;
