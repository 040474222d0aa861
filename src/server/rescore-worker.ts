/**
 * One re-scoring worker thread (rescore.ts): loads the catalogue files once, builds the scoring
 * catalogue again whenever a task names another revision, and re-scores.
 */
import { loadCatalog } from './catalog';
import { scoringCatalogOf, type ScoringCatalog } from './published-catalog';
import { rescoreWith, type RescoreTask, type Rescored } from './rescore';

const catalog = loadCatalog();
let scoring: ScoringCatalog | undefined;

export default async function rescore(task: RescoreTask): Promise<Rescored | undefined> {
  if (scoring?.revision !== task.revision) scoring = scoringCatalogOf(await catalog, task.items);
  return rescoreWith(scoring, task);
}
