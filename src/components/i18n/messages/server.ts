/** Company server strings (joining this device, sending attempts): [zh-CN, en]. */
export const serverMessages = {
  'server.title': ['公司服务器', 'Company server'],
  'server.joining': ['正在加入公司服务器…', 'Joining the company server…'],
  'server.joined': [
    '这台设备已加入公司服务器，身份：{name}（工号 {employeeNo}，{department}）。以后每次练习结束，记录会自动发送给公司，由服务器重新评分。',
    'This device has joined the company server as {name} (employee number {employeeNo}, {department}). Every practice you finish from now on is sent to the company and re-scored by the server.',
  ],
  'server.startPractising': ['去练习', 'Start practising'],
  'server.failed.used': [
    '这个加入链接已经用过或已过期。请向培训师或人事要一个新链接。',
    'This join link was already used or has expired. Ask your trainer or HR for a new one.',
  ],
  'server.failed.offline': [
    '连不上公司服务器。请连上网络后重新打开这个链接。',
    'Cannot reach the company server. Connect to the network and open the link again.',
  ],
  'server.failed.refused': [
    '公司服务器没有接受这个链接。请向培训师或人事要一个新链接。',
    'The company server did not accept this link. Ask your trainer or HR for a new one.',
  ],
  'server.notJoined': [
    '这台设备还没有加入公司服务器。打开培训师或人事发给你的加入链接（或扫描二维码）即可加入；不加入也可以照常练习，记录只保存在这台设备上。',
    'This device has not joined a company server. Open the join link (or scan the QR code) your trainer or HR gave you; without it you can practise as usual and records stay on this device.',
  ],
  'server.loading': ['正在读取…', 'Loading…'],
  'server.queue': ['发送情况', 'Sending'],
  'server.waiting': [
    '{count} 条练习等待发送（联网后自动发送）。',
    '{count} attempts waiting to be sent (they go when the device is online).',
  ],
  'server.allSent': ['所有练习都已发送。', 'Every attempt has been sent.'],
  'server.differences': ['服务器评分与本机不同', 'Where the server scored differently'],
  'server.noDifferences': [
    '服务器的评分与本机一致。',
    'The server’s scores agree with this device.',
  ],
  'server.column.scenario': ['场景', 'Scenario'],
  'server.column.device': ['本机分数', 'This device'],
  'server.column.server': ['服务器分数（以此为准）', 'Server (the one that counts)'],
  'server.column.reason': ['原因', 'Why'],
  'server.reason.scenario-version': [
    '服务器使用场景版本 {serverVersion} 评分，本机是版本 {deviceVersion}。',
    'The server scored with scenario version {serverVersion}; this device had version {deviceVersion}.',
  ],
  'server.published': ['公司发布的内容', 'Content the company published'],
  'server.publishedNone': [
    '公司还没有发布规则包或场景版本。',
    'The company has not published any rule packs or scenario versions yet.',
  ],
  'server.publishedKept': [
    '本机已保存公司发布的规则包（{packs}）和 {scenarios} 个场景版本，离线也按它们练习和评分。',
    'This device keeps the company’s published rule packs ({packs}) and {scenarios} scenario versions, and practises and scores with them offline too.',
  ],
  'server.reason.rule-pack': [
    '服务器按公司新发布的规则包（{packs}）评分，本机评分时还没有这一版。',
    'The server scored with the company’s newly published rule packs ({packs}); this device did not have that version yet.',
  ],
  'server.reason.rescored': [
    '服务器按公司当前的规则重新评分。',
    'The server re-scored it with the company’s current rules.',
  ],
  'server.refused': [
    '{count} 条练习被服务器拒收：{reason}',
    '{count} attempts were refused by the server: {reason}',
  ],
} as const;
