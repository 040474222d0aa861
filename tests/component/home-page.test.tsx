import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/app';
import { useLocaleStore } from '../../src/stores/use-locale-store';

describe('App shell', () => {
  beforeEach(() => {
    localStorage.clear();
    useLocaleStore.setState({ locale: 'zh-CN' });
    window.location.hash = '';
  });

  it('should speak Chinese first', () => {
    render(<App />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('今天想练哪一段对话？');
    expect(screen.getByRole('navigation', { name: '主导航' })).toBeInTheDocument();
  });

  it('should switch to English and remember the choice', async () => {
    render(<App />);
    await userEvent.selectOptions(screen.getByLabelText('界面语言'), 'en');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'Which conversation do you want to practise today?',
    );
    expect(localStorage.getItem('servicedojo.locale')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});
