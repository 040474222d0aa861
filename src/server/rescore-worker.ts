/**
 * One re-scoring worker thread (rescore.ts): loads the catalogue files once, builds the scoring
 * catalogue again whenever a task names another revision (asking for its published items if the
 * task did not bring them), and re-scores.
 */
import { loadCatalog } from './catalog';
import { scoringCatalogOf, type ScoringCatalog } from './published-catalog';
import { CATALOG_NEEDED, rescoreWith, type RescoreTask, type Rescored } from './rescore';

const catalog = loadCatalog();
let scoring: ScoringCatalog | undefined;

export default async function rescore(
  task: RescoreTask,
): Promise<Rescored | typeof CATALOG_NEEDED | undefined> {
  if (scoring?.revision !== task.revision) {
    if (!task.items) return CATALOG_NEEDED;
    scoring = scoringCatalogOf(await catalog, task.items);
  }
  return rescoreWith(scoring, task);
}
