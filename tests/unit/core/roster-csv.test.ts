import { describe, expect, it } from 'vitest';
import {
  decodeRosterFile,
  parseRosterCsv,
  splitCsvLine,
  traineeProblem,
} from '../../../src/core/roster-csv';

const hex = (text: string) =>
  Uint8Array.from(text.match(/../g) ?? [], (pair) => parseInt(pair, 16));

describe('decodeRosterFile', () => {
  it('should read a GBK/GB18030 CSV saved by Chinese Excel without mojibake', () => {
    // 姓名,工号,部门 / 张伟,E001,客服部 / 李娜,E002,售后部 as Excel saves it on a Chinese Windows.
    const bytes = hex(
      'd0d5c3fb2cb9a4bac52cb2bfc3c50d0ad5c5ceb02c453030312cbfcdb7feb2bf0d0ac0eec4c82c453030322ccadbbaf3b2bf0d0a',
    );

    const { text, encoding } = decodeRosterFile(bytes);

    expect(encoding).toBe('gb18030');
    expect(parseRosterCsv(text).trainees).toEqual([
      { name: '张伟', employeeNo: 'E001', department: '客服部' },
      { name: '李娜', employeeNo: 'E002', department: '售后部' },
    ]);
  });

  it('should keep UTF-8 (with BOM) as UTF-8', () => {
    const bytes = new TextEncoder().encode('\uFEFF张伟,E001,客服部');
    const { text, encoding } = decodeRosterFile(bytes);
    expect(encoding).toBe('utf-8');
    expect(parseRosterCsv(text).trainees[0]?.name).toBe('张伟');
  });
});

describe('traineeProblem', () => {
  it('should name what is wrong with an edited entry', () => {
    expect(traineeProblem({ name: ' ', employeeNo: 'E1', department: '' })).toBe('no-name');
    expect(traineeProblem({ name: '张伟', employeeNo: '', department: '' })).toBe('no-number');
    expect(traineeProblem({ name: '张伟', employeeNo: 'E 1', department: '' })).toBe('bad-number');
    expect(traineeProblem({ name: '张伟', employeeNo: 'E1', department: '' })).toBeUndefined();
  });
});

describe('parseRosterCsv', () => {
  it('should keep good rows and report bad ones by line', () => {
    const text = [
      '姓名,工号,部门',
      '张伟,E001,客服部',
      ',E002,客服部',
      '李娜,,售后部',
      '王芳,E003,售后部,多余',
      '刘洋,E001,客服部',
      '陈静,E004,客服部',
    ].join('\n');

    const { trainees, problems } = parseRosterCsv(text);

    expect(trainees.map((t) => t.name)).toEqual(['张伟', '陈静']);
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
    expect(problems.map((p) => p.code)).toEqual(['no-name', 'no-number', 'columns', 'repeat']);
    expect(problems[3]?.detail).toBe('E001:2');
  });

  it('should read a file without a header, with BOM, CRLF, quotes and Chinese commas', () => {
    const text = '\uFEFF"赵, 敏",E010,"客服 ""一"" 部"\r\n孙丽，E011，售后部\r\n';

    const { trainees, problems } = parseRosterCsv(text);

    expect(problems).toEqual([]);
    expect(trainees).toEqual([
      { name: '赵, 敏', employeeNo: 'E010', department: '客服 "一" 部' },
      { name: '孙丽', employeeNo: 'E011', department: '售后部' },
    ]);
  });

  it('should read store and role columns a header names, in any order', () => {
    const text = '工号,姓名,部门,岗位,门店\nE1,张伟,华东区,店长,上海一店\nE2,李娜,华东区,,\n';

    const { trainees, problems } = parseRosterCsv(text);

    expect(problems).toEqual([]);
    expect(trainees).toEqual([
      { name: '张伟', employeeNo: 'E1', department: '华东区', store: '上海一店', position: '店长' },
      { name: '李娜', employeeNo: 'E2', department: '华东区' },
    ]);
  });

  it('should still refuse a fourth column in a file without a header', () => {
    const { trainees, problems } = parseRosterCsv('张伟,E1,华东区,上海一店\n');
    expect(trainees).toEqual([]);
    expect(problems).toEqual([{ line: 1, code: 'columns', detail: '4' }]);
  });

  it('should skip an English header and blank lines', () => {
    const { trainees } = parseRosterCsv('name,employee number,department\n\nAmy,A1,Sales\n');
    expect(trainees).toEqual([{ name: 'Amy', employeeNo: 'A1', department: 'Sales' }]);
  });
});

describe('splitCsvLine', () => {
  it('should split tab-separated text pasted from a spreadsheet', () => {
    expect(splitCsvLine('张伟\tE001\t客服部')).toEqual(['张伟', 'E001', '客服部']);
  });
});
