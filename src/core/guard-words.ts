/** A transition's condition said in words, for the labels of the scenario graph (zh-CN and en). */
import type { Localized } from './rule-schema';
import type { Guard } from './scenario-schema';
import { TAG_INFO, type Tag } from './tags';

function tagList(tags: readonly Tag[], zhJoin: string, enJoin: string): Localized {
  return {
    'zh-CN': tags.map((tag) => TAG_INFO[tag].label['zh-CN']).join(zhJoin),
    en: tags.map((tag) => TAG_INFO[tag].label.en).join(enJoin),
  };
}

/**
 * "道歉或表示理解，且没有禁用语" for `{ any: [apology, empathy], none: [forbidden] }`. A transition
 * with no condition is "任何回复" when it is the first one tried, else "其他情况" (transitions are
 * tried in order).
 */
export function describeGuard(guard: Guard | undefined, first = true): Localized {
  const parts: Localized[] = [];
  if (guard?.all?.length) parts.push(tagList(guard.all, '并且', ' and '));
  if (guard?.any?.length) parts.push(tagList(guard.any, '或', ' or '));
  if (guard?.none?.length) {
    const none = tagList(guard.none, '或', ' or ');
    parts.push({ 'zh-CN': `没有${none['zh-CN']}`, en: `no ${none.en}` });
  }
  if (guard?.facts?.length)
    parts.push({
      'zh-CN': `提到${guard.facts.join('、')}`,
      en: `mentions ${guard.facts.join(', ')}`,
    });
  if (guard?.moodAtLeast !== undefined)
    parts.push({ 'zh-CN': `心情 ≥ ${guard.moodAtLeast}`, en: `mood ≥ ${guard.moodAtLeast}` });
  if (guard?.moodBelow !== undefined)
    parts.push({ 'zh-CN': `心情 < ${guard.moodBelow}`, en: `mood < ${guard.moodBelow}` });
  if (guard?.turnsAtLeast !== undefined)
    parts.push({
      'zh-CN': `本步第 ${guard.turnsAtLeast} 次回复起`,
      en: `from reply ${guard.turnsAtLeast} in this step`,
    });
  if (guard?.timeout) parts.push({ 'zh-CN': '超时未回复', en: 'no reply in time' });
  if (parts.length === 0)
    return first
      ? { 'zh-CN': '任何回复', en: 'any reply' }
      : { 'zh-CN': '其他情况', en: 'otherwise' };
  return {
    'zh-CN': parts.map((part) => part['zh-CN']).join('，且'),
    en: parts.map((part) => part.en).join(', and '),
  };
}
