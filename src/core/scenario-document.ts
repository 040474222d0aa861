/**
 * One scenario document that the graph, the forms and the YAML text all edit. The text is the
 * document: each edit parses it with the `yaml` Document API, changes the nodes it names and
 * prints it again, so comments and the order of keys survive a form or graph edit.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { Category, EndingKind } from './scenario-schema';
import { SCENARIO_SCHEMA_VERSION } from './scenario-schema';

/** One change made on the graph or in a form. */
export type ScenarioEdit =
  | { type: 'add-step'; after?: string }
  | { type: 'add-ending'; kind: EndingKind }
  | { type: 'duplicate'; id: string }
  | { type: 'delete'; id: string }
  | { type: 'connect'; from: string; to: string }
  | { type: 'rename'; id: string; to: string }
  | { type: 'set-start'; id: string }
  /** A field of a step or ending (`field` is relative to it); '', [] or undefined removes it. */
  | { type: 'set'; id: string; field: (string | number)[]; value: unknown };

export interface EditResult {
  text: string;
  /** The node the edit created (add, duplicate), to select it. */
  created?: string;
}

const PRINT = { lineWidth: 0 } as const;
const PLACEHOLDER_LINE = {
  'zh-CN': '（请写下顾客这一步说的话）',
  en: '(what the customer says here)',
};

/** A new step: a line for an upset customer and three reply placeholders for choice mode. */
function newStep(id: string) {
  return {
    id,
    customer: { upset: PLACEHOLDER_LINE },
    expect: { required: [], encouraged: [], avoid: [{ tag: 'forbidden', weight: 30 }] },
    choices: [1, 2, 3].map((n) => ({ 'zh-CN': `（回复选项 ${n}）`, en: `(reply option ${n})` })),
    next: [],
  };
}

const ENDING_TEXT: Record<
  EndingKind,
  { customer: string; en: string; debrief: string; debriefEn: string }
> = {
  retained: {
    customer: '好吧，这次就按你说的办。',
    en: 'All right, let us do it your way.',
    debrief: '顾客留下了。',
    debriefEn: 'The customer stayed.',
  },
  escalated: {
    customer: '我要找你们领导。',
    en: 'I want to speak to your manager.',
    debrief: '顾客要求升级处理。',
    debriefEn: 'The customer escalated.',
  },
  lost: {
    customer: '算了，我不想再说了。',
    en: 'Forget it, I am done.',
    debrief: '顾客流失了。',
    debriefEn: 'The customer was lost.',
  },
};

function newEnding(id: string, kind: EndingKind) {
  const text = ENDING_TEXT[kind];
  return {
    id,
    kind,
    customer: { 'zh-CN': text.customer, en: text.en },
    debrief: { 'zh-CN': text.debrief, en: text.debriefEn },
  };
}

/** A seed-document section each category of scenario is usually written from. */
const SOURCE_OF: Partial<Record<Category, { doc: string; section: string }>> = {
  complaint: { doc: '003_22128e453d54b396.txt', section: '处理投诉的程序' },
  spin: {
    doc: '000_f0073613afcad88c.txt',
    section:
      '三. 服务如何带来价值 · 与客户接触之前的准备工作——准备问题(背景问题、难点问题、暗示问题、需求-效益问题)',
  },
};
const DEFAULT_SOURCE = { doc: '003_22128e453d54b396.txt', section: '回答的艺术' };
const PROCEDURE_OF: Partial<Record<Category, string>> = {
  complaint: 'complaint-six-steps',
  spin: 'spin',
  'value-add': 'value-add',
  personalised: 'personalised',
};

/** The YAML of a new scenario: one step and the "lost" ending every scenario needs; the trainer draws the rest. */
export function newScenarioText(id: string, title: string, category: Category): string {
  const doc = new Document({
    schemaVersion: SCENARIO_SCHEMA_VERSION,
    id,
    version: 1,
    title: { 'zh-CN': title, en: title },
    brief: { 'zh-CN': title, en: title },
    category,
    difficulty: 1,
    durationMinutes: 10,
    sources: [SOURCE_OF[category] ?? DEFAULT_SOURCE],
    procedure: PROCEDURE_OF[category] ?? 'none',
    persona: {
      name: { 'zh-CN': '顾客', en: 'The customer' },
      who: { 'zh-CN': '一位顾客。', en: 'A customer.' },
      situation: { 'zh-CN': title, en: title },
      mood: 30,
      facts: [],
    },
    passScore: 60,
    blockers: [],
    start: 'opening',
    steps: [{ ...newStep('opening'), next: [{ goto: 'lost' }] }],
    endings: [newEnding('lost', 'lost')],
  });
  doc.commentBefore = ' 用场景图编辑器新建的场景 (created with the scenario graph editor)';
  compactLists(doc);
  return doc.toString(PRINT);
}

function itemsOf(doc: Document, key: 'steps' | 'endings'): YAMLMap[] {
  const seq = doc.get(key);
  return isSeq(seq) ? seq.items.filter((item): item is YAMLMap => isMap(item)) : [];
}

function idsOf(doc: Document): Set<string> {
  return new Set(
    [...itemsOf(doc, 'steps'), ...itemsOf(doc, 'endings')].map((item) => String(item.get('id'))),
  );
}

/** `base`, or `base-2`, `base-3` … whichever no step or ending has yet. */
function freshId(doc: Document, base: string): string {
  const taken = idsOf(doc);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Where the step or ending `id` is: ['steps', 2] or ['endings', 0]. */
function locate(doc: Document, id: string): ['steps' | 'endings', number] | undefined {
  for (const key of ['steps', 'endings'] as const) {
    const index = itemsOf(doc, key).findIndex((item) => item.get('id') === id);
    if (index >= 0) return [key, index];
  }
  return undefined;
}

function append(doc: Document, key: 'steps' | 'endings', value: unknown, at?: number): void {
  const seq = doc.get(key);
  const node = doc.createNode(value);
  if (!isSeq(seq)) doc.set(key, doc.createNode([value]));
  else if (at === undefined) seq.items.push(node);
  else seq.items.splice(at, 0, node);
}

function connect(doc: Document, from: string, to: string): void {
  const at = locate(doc, from);
  if (at?.[0] !== 'steps') return;
  const step = doc.getIn(at);
  if (!isMap(step)) return;
  const next = step.get('next');
  if (isSeq(next)) next.items.push(doc.createNode({ goto: to }));
  else step.set('next', doc.createNode([{ goto: to }]));
}

/** Every `next` list of every step, for edits that follow a step's id. */
function transitions(doc: Document): { next: YAMLMap[]; remove: (index: number) => void }[] {
  return itemsOf(doc, 'steps').flatMap((step) => {
    const next = step.get('next');
    if (!isSeq(next)) return [];
    return [
      {
        next: next.items.filter((item): item is YAMLMap => isMap(item)),
        remove: (index: number) => void next.items.splice(index, 1),
      },
    ];
  });
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && value !== null && Object.keys(value).length === 0)
  );
}

/** Removes the value at `field`, then any map it leaves empty (short of the step or ending, or a list item). */
function removeField(doc: Document, base: (string | number)[], field: (string | number)[]): void {
  doc.deleteIn([...base, ...field]);
  for (let depth = field.length - 1; depth > 0; depth -= 1) {
    const parent = doc.getIn([...base, ...field.slice(0, depth)]);
    // A list item stays (an emptied reply is still reply 2), so later items keep their place.
    const inList = typeof field[depth - 1] === 'number';
    if (isMap(parent) && parent.items.length === 0 && !inList)
      doc.deleteIn([...base, ...field.slice(0, depth)]);
    else break;
  }
}

/** Short things print on one line, as the bundled files write them: tag lists, expectations, conditions. */
function compactLists(doc: Document): void {
  const fresh = (node: unknown): node is Node => (isMap(node) || isSeq(node)) && !node.range;
  const compact = (node: unknown) => {
    if (fresh(node) && (isMap(node) || isSeq(node))) node.flow = true;
  };
  for (const step of itemsOf(doc, 'steps')) {
    const expect = step.get('expect');
    if (isMap(expect))
      for (const pair of expect.items) {
        if (isSeq(pair.value) && pair.value.items.every(isScalar)) compact(pair.value);
        if (isSeq(pair.value)) pair.value.items.forEach(compact);
      }
    const next = step.get('next');
    if (isSeq(next)) for (const item of next.items) if (isMap(item)) compact(item.get('when'));
  }
  for (const key of ['blockers', 'sources'] as const) {
    const seq = doc.get(key);
    if (isSeq(seq) && seq.items.length === 0) compact(seq);
  }
  const facts = doc.getIn(['persona', 'facts']);
  if (isSeq(facts) && facts.items.length === 0) compact(facts);
}

/** Applies one edit to the scenario's YAML text; undefined when the text is not valid YAML. */
export function editScenario(text: string, edit: ScenarioEdit): EditResult | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  let created: string | undefined;
  switch (edit.type) {
    case 'add-step': {
      created = freshId(doc, 'step');
      append(doc, 'steps', newStep(created));
      if (edit.after) connect(doc, edit.after, created);
      break;
    }
    case 'add-ending': {
      created = freshId(doc, edit.kind);
      append(doc, 'endings', newEnding(created, edit.kind));
      break;
    }
    case 'duplicate': {
      const at = locate(doc, edit.id);
      const node = at && doc.getIn(at, true);
      if (!at || !isMap(node)) return undefined;
      const copy = node.clone() as YAMLMap;
      created = freshId(doc, edit.id);
      copy.set('id', created);
      const seq = doc.get(at[0]);
      if (isSeq(seq)) seq.items.splice(at[1] + 1, 0, copy);
      break;
    }
    case 'delete': {
      const at = locate(doc, edit.id);
      if (!at) return undefined;
      doc.deleteIn(at);
      for (const { next, remove } of transitions(doc))
        for (let index = next.length - 1; index >= 0; index -= 1)
          if (next[index]?.get('goto') === edit.id) remove(index);
      break;
    }
    case 'connect':
      connect(doc, edit.from, edit.to);
      break;
    case 'rename': {
      const at = locate(doc, edit.id);
      if (!at || idsOf(doc).has(edit.to)) return undefined;
      doc.setIn([...at, 'id'], edit.to);
      if (doc.get('start') === edit.id) doc.set('start', edit.to);
      for (const { next } of transitions(doc))
        for (const item of next) if (item.get('goto') === edit.id) item.set('goto', edit.to);
      break;
    }
    case 'set-start':
      doc.set('start', edit.id);
      break;
    case 'set': {
      const at = locate(doc, edit.id);
      if (!at) return undefined;
      if (isEmpty(edit.value)) removeField(doc, at, edit.field);
      // A scalar is set in place, so a comment beside it stays.
      else
        doc.setIn(
          [...at, ...edit.field],
          typeof edit.value === 'object' ? doc.createNode(edit.value) : edit.value,
        );
      break;
    }
  }
  compactLists(doc);
  return { text: doc.toString(PRINT), ...(created ? { created } : {}) };
}

/** The plain data of a step or ending for its form, or undefined. */
export function nodeData(text: string, id: string): Record<string, unknown> | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return undefined;
  const at = locate(doc, id);
  const value: unknown = at ? doc.getIn(at, true) : undefined;
  return isMap(value) ? (value.toJSON() as Record<string, unknown>) : undefined;
}
