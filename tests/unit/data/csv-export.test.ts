import { describe, expect, it } from 'vitest';
import { BOM, csvField, neutraliseFormula, toCsv } from '../../../src/core/csv';
import { matrixCsv, recordsCsv } from '../../../src/data/csv-export';
import { completionMatrix, type RecordRow } from '../../../src/data/records-query';

function row(change: Partial<RecordRow> = {}): RecordRow {
  return {
    id: 'a1',
    name: '李明',
    employeeNo: 'E001',
    department: '客服部',
    scenarioId: 'complaint-late-delivery',
    scenarioVersion: 2,
    scenarioTitle: { 'zh-CN': '沙发延迟送货', en: 'Late sofa delivery' },
    mode: 'exam',
    status: 'finished',
    score: 86,
    passed: true,
    dimensions: { 可感知性: 70, 移情性: 90 },
    endingKind: 'retained',
    startedAt: Date.UTC(2024, 4, 1, 1, 30),
    finishedAt: Date.UTC(2024, 4, 1, 1, 42),
    durationMs: 720_400,
    ...change,
  };
}

/** A minimal RFC 4180 reader, to prove the writer's output parses back to the same cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      fields.push(field);
      rows.push(fields);
      fields = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return rows;
}

describe('neutraliseFormula', () => {
  it.each(['=1+2', '+1', '-2', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://evil","点我")'])(
    'should defuse the hostile cell %j with a leading quote',
    (cell) => {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    },
  );

  it('should leave ordinary text alone, including a sign inside the text', () => {
    expect(neutraliseFormula('李明')).toBe('李明');
    expect(neutraliseFormula('A-1=2')).toBe('A-1=2');
  });
});

describe('csvField', () => {
  it('should quote commas, quotes and line breaks and double the quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('他说"好的"')).toBe('"他说""好的"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('plain')).toBe('plain');
  });

  it('should write numbers as numbers, and empty for missing values', () => {
    expect(csvField(86)).toBe('86');
    expect(csvField(undefined)).toBe('');
    expect(csvField(-3)).toBe('-3');
  });

  it('should neutralise a formula and still quote it when it holds a comma', () => {
    expect(csvField('=1,2')).toBe(`"'=1,2"`);
  });
});

describe('toCsv', () => {
  it('should end every line with CRLF and round-trip hostile cells', () => {
    const cells = [
      ['名字', 'note'],
      ['王"小"二', 'a,b\r\nc'],
    ];
    const text = toCsv(cells);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual(cells);
  });
});

describe('recordsCsv', () => {
  it('should start with a BOM and use Chinese column names by default', () => {
    const text = recordsCsv([row()], 'zh-CN');
    expect(text.startsWith(BOM)).toBe(true);
    const [header, first] = parseCsv(text.slice(1));
    expect(header?.slice(0, 3)).toEqual(['姓名', '工号', '部门']);
    expect(header).toContain('移情性');
    expect(first?.[header!.indexOf('场景')]).toBe('沙发延迟送货');
    expect(first?.[header!.indexOf('是否通过')]).toBe('是');
    expect(first?.[header!.indexOf('移情性')]).toBe('90');
    expect(first?.[header!.indexOf('用时（秒）')]).toBe('720');
  });

  it('should label columns and values in English when asked', () => {
    const [header, first] = parseCsv(recordsCsv([row()], 'en').slice(1));
    expect(header).toContain('Empathy');
    expect(first?.[header!.indexOf('Scenario')]).toBe('Late sofa delivery');
    expect(first?.[header!.indexOf('Mode')]).toBe('Exam');
  });

  it('should name the class and the observer of a classroom record', () => {
    const observed = row({ mode: 'observed', classId: 'c1', observer: '周老师' });
    const [header, first] = parseCsv(
      recordsCsv([observed], 'zh-CN', { classNames: new Map([['c1', '五月新员工班']]) }).slice(1),
    );
    expect(first?.[header!.indexOf('班级')]).toBe('五月新员工班');
    expect(first?.[header!.indexOf('观察员')]).toBe('周老师');
    expect(first?.[header!.indexOf('来源')]).toBe('培训师观察');
  });

  it('should neutralise a trainee name typed as a formula', () => {
    const [, first] = parseCsv(recordsCsv([row({ name: '=cmd|"/c calc"!A1' })], 'zh-CN').slice(1));
    expect(first?.[0]).toBe(`'=cmd|"/c calc"!A1`);
  });
});

describe('matrixCsv', () => {
  it('should write one line per trainee with the department rate', () => {
    const rows = [
      row(),
      row({ id: 'a2', employeeNo: 'E002', name: '张华', passed: false, score: 40 }),
    ];
    const [header, ...lines] = parseCsv(
      matrixCsv(completionMatrix(rows, 'best'), 'zh-CN').slice(1),
    );
    expect(header).toEqual(['姓名', '工号', '部门', '沙发延迟送货', '部门完成率']);
    expect(lines).toContainEqual(['李明', 'E001', '客服部', '86 ✓', '50%']);
    expect(lines).toContainEqual(['张华', 'E002', '客服部', '40', '50%']);
  });

  it('should say who has not started and who has only practised', () => {
    const rows = [row(), row({ id: 'a2', employeeNo: 'E002', name: '张华', mode: 'coach' })];
    const roster = [{ name: '赵强', employeeNo: 'E009', department: '客服部' }];
    const [, ...lines] = parseCsv(
      matrixCsv(completionMatrix(rows, 'best', 'zh-CN', { roster }), 'zh-CN').slice(1),
    );
    expect(lines).toContainEqual(['张华', 'E002', '客服部', '仅练习', '33%']);
    expect(lines).toContainEqual(['赵强', 'E009', '客服部', '未开始', '33%']);
  });
});
