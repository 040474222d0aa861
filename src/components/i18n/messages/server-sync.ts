/** A joined device's sync on #/server: a device the server no longer knows, abandoned attempts. [zh-CN, en] */
export const serverSyncMessages = {
  'server.withdrawn.title': ['这台设备已不再加入公司服务器', 'This device is no longer joined'],
  'server.withdrawn.text': [
    '公司服务器已不再认可这台设备（{name}的名单记录可能已被人事删除，或加入已被撤销），所以本机不会再发送练习。请向人事索取新的加入链接；重新加入后，之后完成的练习会发送到新的加入。',
    'The company server no longer accepts this device (HR may have deleted {name}’s roster entry, or the join was withdrawn), so nothing more is sent from here. Ask HR for a new join link; after joining again, the attempts you finish from then on are sent.',
  ],
  'server.withdrawn.kept': [
    '以下 {count} 条练习没有发送，保留在本机（不会发送到新的加入）：',
    'These {count} attempts were not sent and are kept on this device (they are not sent to a new join):',
  ],
  'server.withdrawn.none': [
    '没有等待发送的练习，本机没有丢失任何记录。',
    'No attempt was waiting to be sent: nothing on this device was lost.',
  ],
  'server.withdrawn.abandoned': ['（中途放弃）', '(abandoned)'],
} as const;
