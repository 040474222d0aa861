/** Classes kept on the company server (the trainer's pages when signed in there): [zh-CN, en]. */
export const serverClassMessages = {
  'serverClass.heading': ['公司服务器上的课堂', 'Classes on the company server'],
  'serverClass.signedIn': [
    '已作为 {name} 登录公司服务器：这些课堂在任何已登录的设备上都能打开（教室电脑的投影页也可以）。',
    'Signed in to the company server as {name}: these classes open on any signed-in device (the classroom PC’s projector too).',
  ],
  'serverClass.none': ['服务器上还没有课堂。', 'No classes on the server yet.'],
  'serverClass.local': ['这台设备上的课堂', 'Classes on this device'],
  'serverClass.keepOnServer': [
    '保存在公司服务器上（换设备也能打开）',
    'Keep it on the company server (opens on other devices too)',
  ],
  'serverClass.unreachable': [
    '连不上公司服务器：改动只在这个页面上，还没有保存。请检查网络后再改一次。',
    'The company server cannot be reached: the change is only on this page, not saved. Check the network and change it again.',
  ],
  'serverClass.signIn': [
    '这个课堂在公司服务器上：请先在这台设备上登录公司服务器。',
    'This class is on the company server: sign in to the company server on this device first.',
  ],
  'serverClass.signInLink': ['登录公司服务器', 'Sign in to the company server'],
  'serverClass.createFailed': [
    '服务器没有建立课堂：{reason}',
    'The server did not create the class: {reason}',
  ],
  'serverClass.notSent': [
    '已保存在这台设备上，但没有发送到公司服务器：{reason}',
    'Saved on this device, but not sent to the company server: {reason}',
  ],
  'serverClass.bundleNotSent': [
    '公司服务器没有收下这些文件：{files}',
    'The company server did not take these files: {files}',
  ],
} as const;
