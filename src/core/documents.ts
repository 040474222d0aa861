/**
 * The course documents that rules and scenarios cite (`source.doc`): the seed file names and
 * the titles read from the top of each file, without the hosting site's boilerplate (upload
 * notices, ".ppt", "VIP", uploader names, breadcrumbs).
 */
import type { Localized } from './rule-schema';

export const DOCUMENT_TITLES: Readonly<Record<string, Localized>> = {
  '000_f0073613afcad88c.txt': {
    'zh-CN': '个性化的情感性服务创造无限价值',
    en: 'Personal, heartfelt service creates endless value',
  },
  // The page opens "书城管理服务的59个满意法则": the site's "书城" and the category "管理" are breadcrumbs.
  '001_bb853a58b24a26b1.txt': {
    'zh-CN': '服务的59个满意法则',
    en: '59 rules of satisfying service',
  },
  '002_7ac78cc061abf4e5.txt': {
    'zh-CN': '客户服务与运营管理',
    en: 'Customer service and operations management',
  },
  '003_22128e453d54b396.txt': {
    'zh-CN': '顾客满意学',
    en: 'The study of customer satisfaction',
  },
  '004_8200034c7315b48c.txt': {
    'zh-CN': '《客户服务》课件',
    en: 'Customer Service (course slides)',
  },
};

/** The `source.doc` of a company's own rule: its policy, not a course document. */
export const COMPANY_POLICY_DOC = 'company-policy';
const COMPANY_POLICY_TITLE: Localized = { 'zh-CN': '公司规定', en: 'Company policy' };

/** The title of a cited document, e.g. '003_22128e453d54b396.txt' → 顾客满意学, company-policy → 公司规定; undefined if unknown. */
export function documentTitle(doc: string): Localized | undefined {
  if (doc === COMPANY_POLICY_DOC) return COMPANY_POLICY_TITLE;
  return Object.hasOwn(DOCUMENT_TITLES, doc) ? DOCUMENT_TITLES[doc] : undefined;
}
