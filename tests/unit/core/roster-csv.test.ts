import { describe, expect, it } from 'vitest';
import { decodeRosterBytes, parseRosterCsv, splitCsvLine } from '../../../src/core/roster-csv';

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

describe('decodeRosterBytes', () => {
  it('should read UTF-8 with a BOM and GB18030 from Chinese Excel alike', () => {
    const utf8 = new TextEncoder().encode('\uFEFF姓名,工号,部门\n李明,E001,客服部\n');
    // 李明,E001,客服部 as GB18030 (GBK) bytes
    const gb = new Uint8Array([
      0xc0, 0xee, 0xc3, 0xf7, 0x2c, 0x45, 0x30, 0x30, 0x31, 0x2c, 0xbf, 0xcd, 0xb7, 0xfe, 0xb2,
      0xbf,
    ]);
    expect(parseRosterCsv(decodeRosterBytes(utf8)).trainees).toEqual([
      { name: '李明', employeeNo: 'E001', department: '客服部' },
    ]);
    expect(parseRosterCsv(decodeRosterBytes(gb)).trainees).toEqual([
      { name: '李明', employeeNo: 'E001', department: '客服部' },
    ]);
  });
});
