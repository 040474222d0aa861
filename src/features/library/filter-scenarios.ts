/** The library's filters: category, difficulty and a text search over both languages. */
import type { Category, Scenario } from '../../core/scenario-schema';

export interface ScenarioFilter {
  search: string;
  category: Category | 'all';
  difficulty: number | 'all';
}

export const NO_FILTER: ScenarioFilter = { search: '', category: 'all', difficulty: 'all' };

/** Scenarios matching every filter; the search looks in title and brief, zh-CN and en, ignoring case and spaces. */
export function filterScenarios(
  scenarios: readonly Scenario[],
  filter: ScenarioFilter,
): Scenario[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  return scenarios.filter((scenario) => {
    if (filter.category !== 'all' && scenario.category !== filter.category) return false;
    if (filter.difficulty !== 'all' && scenario.difficulty !== filter.difficulty) return false;
    if (words.length === 0) return true;
    const haystack = [
      scenario.title['zh-CN'],
      scenario.title.en,
      scenario.brief['zh-CN'],
      scenario.brief.en,
    ]
      .join('\n')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
