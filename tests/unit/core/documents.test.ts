import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOCUMENT_TITLES, documentTitle } from '../../../src/core/documents';

/** The course documents; not part of the repository, so the checks against them may skip. */
const SEEDS = process.env.SERVICEDOJO_SEEDS ?? '/work/shared/seeds';
const DOC_NAME = /\d{3}_[0-9a-f]{16}\.txt/g;

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => `${entry.parentPath}/${entry.name}`);
}

describe('documentTitle', () => {
  it('should give the title of a known document in both languages', () => {
    const title = documentTitle('003_22128e453d54b396.txt');

    expect(title).toEqual({ 'zh-CN': '顾客满意学', en: expect.any(String) });
  });

  it('should give undefined for a document it does not know', () => {
    expect(documentTitle('999_0000000000000000.txt')).toBeUndefined();
    expect(documentTitle('toString')).toBeUndefined();
    expect(documentTitle('')).toBeUndefined();
  });

  it('should know every document the scenarios, rules and code cite', () => {
    const cited = new Set(
      [...filesUnder('scenarios', '.yaml'), ...filesUnder('src', '.ts')].flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(DOC_NAME)].map((match) => match[0]),
      ),
    );

    expect(cited.size).toBeGreaterThan(0);
    for (const doc of cited) expect(documentTitle(doc), doc).toBeDefined();
  });

  it('should have a non-empty title without web boilerplate in each language', () => {
    for (const title of Object.values(DOCUMENT_TITLES)) {
      expect(title['zh-CN'].trim()).not.toBe('');
      expect(title.en.trim()).not.toBe('');
      expect(title['zh-CN']).not.toMatch(/\.(ppt|txt|doc)|VIP|--/i);
    }
  });

  it.skipIf(!existsSync(SEEDS))('should take each title from the top of its seed file', () => {
    const seeds = readdirSync(SEEDS).filter((name) => name.endsWith('.txt'));

    expect(Object.keys(DOCUMENT_TITLES).sort()).toEqual(seeds.sort());
    for (const doc of seeds) {
      const top = readFileSync(`${SEEDS}/${doc}`, 'utf8').split('\n').slice(0, 10).join('\n');
      expect(top, doc).toContain(DOCUMENT_TITLES[doc]?.['zh-CN']);
    }
  });
});
