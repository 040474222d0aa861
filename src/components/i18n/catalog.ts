/**
 * Every UI string, merged from one file per area. Each entry is [zh-CN, en]; keys are
 * namespaced by area ("practice.send") so areas never collide.
 */
import { assignmentMessages } from './messages/assignments';
import { authoringMessages } from './messages/authoring';
import { commonMessages } from './messages/common';
import { historyMessages } from './messages/history';
import { homeMessages } from './messages/home';
import { libraryMessages } from './messages/library';
import { practiceMessages } from './messages/practice';
import { profileMessages } from './messages/profile';
import { recordsMessages } from './messages/records';
import { reportMessages } from './messages/report';
import { serverMessages } from './messages/server';
import { serverRecordsMessages } from './messages/server-records';
import { serverClassMessages } from './messages/server-classes';
import { serverSyncMessages } from './messages/server-sync';
import { trainerMessages } from './messages/trainer';

export const messages = {
  ...commonMessages,
  ...homeMessages,
  ...libraryMessages,
  ...practiceMessages,
  ...reportMessages,
  ...historyMessages,
  ...profileMessages,
  ...recordsMessages,
  ...trainerMessages,
  ...authoringMessages,
  ...serverMessages,
  ...serverRecordsMessages,
  ...serverClassMessages,
  ...assignmentMessages,
  ...serverSyncMessages,
} as const;

export type MessageKey = keyof typeof messages;
