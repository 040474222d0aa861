import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { parse } from 'yaml';
import { beforeEach, describe, expect, it } from 'vitest';
import { newScenarioText } from '../../src/core/scenario-document';
import ScenarioDiagram from '../../src/features/authoring/graph/scenario-diagram';
import { useLocaleStore } from '../../src/stores/use-locale-store';

let latest = '';

/** The diagram over a text it edits, as the scenario editor holds it. */
function Harness({ initial }: { initial: string }) {
  const [text, setText] = useState(initial);
  const change = (next: string) => {
    latest = next;
    setText(next);
  };
  return <ScenarioDiagram text={text} onText={change} onPlaytest={undefined} />;
}

beforeEach(() => {
  useLocaleStore.setState({ locale: 'zh-CN' });
});

describe('ScenarioDiagram outline (jsdom has no ResizeObserver, so the outline shows)', () => {
  it('should let a keyboard user add a step, see it flagged, connect it and edit its line', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newScenarioText('x-drawn', '测试', 'complaint')} />);

    const add = screen.getByRole('button', { name: '添加步骤' });
    add.focus();
    await user.keyboard('{Enter}');
    const flagged = { name: '步骤 step，从开始无法到达，走不到任何结局' };
    expect(screen.getByRole('button', flagged)).toBeInTheDocument();
    expect(screen.getByText('步骤 step：从开始无法到达')).toBeInTheDocument();

    // The new step is selected: its form is open. Connect it to the ending.
    const form = screen.getByRole('region', { name: '编辑步骤 step' });
    await user.click(within(form).getByRole('button', { name: '添加：转移 1' }));
    expect(within(form).getByLabelText('转移 1：去往')).toHaveValue('opening');
    await user.selectOptions(within(form).getByLabelText('转移 1：去往'), 'lost');
    // And the opening to it, when the trainee apologises.
    screen.getByRole('button', { name: '步骤 opening，开始' }).focus();
    await user.keyboard('{Enter}');
    const opening = screen.getByRole('region', { name: '编辑步骤 opening' });
    await user.selectOptions(within(opening).getByLabelText('转移 1：去往'), 'step');
    await user.selectOptions(within(opening).getByLabelText('转移 1：做到其一'), ['apology']);

    expect(screen.queryByRole('button', flagged)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: '步骤 step' })).toBeInTheDocument();
    expect(screen.getByText('道歉 → step')).toBeInTheDocument();
    expect(parse(latest).steps[0].next).toEqual([{ when: { any: ['apology'] }, goto: 'step' }]);
    expect(latest).toContain('# 用场景图编辑器新建的场景');
  });

  it('should duplicate and delete the selected node', async () => {
    const user = userEvent.setup();
    render(<Harness initial={newScenarioText('x-drawn', '测试', 'complaint')} />);
    await user.click(screen.getByRole('button', { name: '步骤 opening，开始' }));
    await user.click(screen.getByRole('button', { name: '复制这个节点' }));
    expect(screen.getByRole('region', { name: '编辑步骤 opening-2' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '删除这个节点' }));
    expect(parse(latest).steps.map((step: { id: string }) => step.id)).toEqual(['opening']);
  });

  it('should say so and keep the text when the YAML does not parse', () => {
    latest = 'steps: [';
    render(<Harness initial={latest} />);
    expect(screen.getByRole('status')).toHaveTextContent('YAML 有语法错误');
    expect(screen.queryByRole('button', { name: '添加步骤' })).not.toBeInTheDocument();
    expect(latest).toBe('steps: [');
  });
});
