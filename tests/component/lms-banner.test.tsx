import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { LmsBanner } from '../../src/components/layout/lms-banner';
import { clearLmsProblem, noteLmsProblem } from '../../src/lms/lms-status';
import { useLocaleStore } from '../../src/stores/use-locale-store';

describe('LmsBanner', () => {
  beforeEach(() => {
    clearLmsProblem();
    useLocaleStore.setState({ locale: 'zh-CN' });
  });

  it('should say nothing while the LMS keeps every result', () => {
    render(<LmsBanner />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('should say the result was not saved, and go away once a retry is taken', async () => {
    let answers = [false, true];
    render(<LmsBanner />);
    act(() =>
      noteLmsProblem({
        code: '391',
        retry: () => {
          const ok = answers.shift() ?? true;
          if (ok) clearLmsProblem();
          return ok;
        },
      }),
    );
    expect(screen.getByRole('alert')).toHaveTextContent('学习平台没有保存你的成绩（错误 391）');
    await userEvent.click(screen.getByRole('button', { name: '再试一次' }));
    expect(screen.getByRole('alert')).toHaveTextContent('仍未保存');
    await userEvent.click(screen.getByRole('button', { name: '再试一次' }));
    expect(screen.queryByRole('alert')).toBeNull();
    answers = [];
  });
});
