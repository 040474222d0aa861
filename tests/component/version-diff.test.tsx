import { readFileSync, readdirSync } from 'node:fs';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { VersionDiffView } from '../../src/features/authoring/version-diff-view';
import { useCatalogStore } from '../../src/stores/use-catalog-store';
import { useLocaleStore } from '../../src/stores/use-locale-store';

const ID = 'complaint-late-delivery';
const FILE = `scenarios/${ID}.yaml`;
const bundled = readFileSync(FILE, 'utf8');
const v2 = bundled
  .replace(/^version: 1$/m, 'version: 2')
  .replace(/^passScore: .*$/m, 'passScore: 70');

beforeEach(() => {
  useLocaleStore.setState({ locale: 'zh-CN' });
  useCatalogStore.setState({
    files: {
      scenarios: readdirSync('scenarios')
        .filter((name) => name === `${ID}.yaml`)
        .map((name) => ({ file: `scenarios/${name}`, text: bundled })),
      rules: [],
    },
    custom: { rulePacks: [], scenarioVersions: [{ scenarioId: ID, version: 2, text: v2 }] },
  });
});

describe('VersionDiffView', () => {
  it('should show the lines two versions differ in, side by side with their line numbers', async () => {
    const user = userEvent.setup();
    render(<VersionDiffView id={ID} editorText={v2} />);
    await user.selectOptions(screen.getByLabelText('新版本'), 'bundled');
    expect(screen.getByText('两个版本相同。')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('新版本'), 'v2');
    const table = screen.getByRole('table');
    const line = bundled.split('\n').findIndex((text) => text.startsWith('passScore:')) + 1;
    const row = within(table).getByText('~ passScore: 70').closest('tr') as HTMLElement;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      String(line),
      `~ ${bundled.split('\n')[line - 1]}`,
      String(line),
      '~ passScore: 70',
    ]);
    expect(within(table).getByText('~ version: 2')).toBeInTheDocument();
  });
});
