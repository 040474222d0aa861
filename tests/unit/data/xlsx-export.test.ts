import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { completionMatrix, type RecordRow } from '../../../src/data/records-query';
import { recordsWorkbook, SHEET_NAMES } from '../../../src/data/xlsx-export';

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
    dimensions: { 移情性: 90 },
    endingKind: 'retained',
    startedAt: new Date(2024, 4, 1, 9, 30).getTime(),
    finishedAt: new Date(2024, 4, 1, 9, 42).getTime(),
    durationMs: 720_000,
    ...change,
  };
}

async function readBack(buffer: ArrayBuffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
  return workbook;
}

describe('recordsWorkbook', () => {
  it('should write a records sheet that reads back with Chinese headers, numbers and dates', async () => {
    const rows = [
      row(),
      row({ id: 'a2', name: '=HYPERLINK("http://x")', score: 40, passed: false }),
    ];
    const workbook = await readBack(
      await recordsWorkbook(rows, completionMatrix(rows, 'best'), 'zh-CN'),
    );
    const sheet = workbook.getWorksheet(SHEET_NAMES.records['zh-CN']);
    expect(sheet?.rowCount).toBe(3);
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['姓名', '工号', '部门']);
    const column = (label: string) => header.indexOf(label) + 1;
    expect(sheet?.getRow(2).getCell(column('场景')).value).toBe('沙发延迟送货');
    expect(sheet?.getRow(2).getCell(column('得分')).value).toBe(86);
    expect(sheet?.getRow(2).getCell(column('移情性')).value).toBe(90);
    const started = sheet?.getRow(2).getCell(column('开始时间')).value;
    expect(started).toBeInstanceOf(Date);
    expect((started as Date).toISOString()).toBe('2024-05-01T09:30:00.000Z');
    // A hostile name stays plain text: no formula in the file.
    const hostile = sheet?.getRow(3).getCell(1);
    expect(hostile?.value).toBe('=HYPERLINK("http://x")');
    expect(hostile?.formula).toBeUndefined();
  });

  it('should write the completion matrix sheet in English when asked', async () => {
    const rows = [
      row(),
      row({ id: 'b', employeeNo: 'E002', name: 'Zhang Hua', passed: false, score: 50 }),
    ];
    const workbook = await readBack(
      await recordsWorkbook(rows, completionMatrix(rows, 'best', 'en'), 'en'),
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Records', 'Completion matrix']);
    const matrix = workbook.getWorksheet('Completion matrix');
    expect((matrix?.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Name',
      'Employee no.',
      'Department',
      'Late sofa delivery',
      'Department completion',
    ]);
    const values = [2, 3].map((n) => (matrix?.getRow(n).values as unknown[]).slice(1));
    expect(values).toContainEqual(['李明', 'E001', '客服部', '86 ✓', 0.5]);
    expect(values).toContainEqual(['Zhang Hua', 'E002', '客服部', '50', 0.5]);
  });
});
