import { describe, expect, it } from 'vitest';
import { parseRosterCsv, splitCsvLine } from '../../../src/data/roster-csv';

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
