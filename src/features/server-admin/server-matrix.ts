/**
 * The server's completion matrix in the shape the app's matrix view shows (the device's records
 * use the same view): the server's best score per person and scenario in the modes it counted,
 * what was only practised in other modes, and department rates over headcount as it counted them.
 */
import { cellKey, type CompletionMatrix, type MatrixCell } from '../../data/records-query';
import type { ServerMatrix } from './staff-api';

export function fromServerMatrix(matrix: ServerMatrix): CompletionMatrix {
  const cells = new Map<string, MatrixCell>();
  for (const person of matrix.people)
    for (const [scenarioId, cell] of Object.entries(person.cells))
      cells.set(cellKey(person.employeeNo, scenarioId), {
        attemptId: '',
        score: cell.best,
        passed: cell.passed,
      });
  const required = matrix.scenarios.length;
  return {
    trainees: matrix.people.map((person) => ({
      name: person.name,
      employeeNo: person.employeeNo,
      department: person.department,
      started: Object.keys(person.cells).length > 0,
    })),
    scenarios: matrix.scenarios,
    cells,
    practisedOnly: new Set(
      matrix.people.flatMap((person) =>
        person.practised.map((scenarioId) => cellKey(person.employeeNo, scenarioId)),
      ),
    ),
    departments: matrix.byDepartment.map((entry) => ({
      department: entry.department,
      trainees: entry.headcount,
      completed: Math.round(entry.passRate * entry.headcount * required),
      required: entry.headcount * required,
      rate: entry.passRate,
    })),
    countedModes: matrix.countedModes,
  };
}
