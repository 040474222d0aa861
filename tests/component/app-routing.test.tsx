import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App, parseRoute } from '../../src/app/app';
import { ServiceDojoDb, useDatabase } from '../../src/data/db';
import { setPin } from '../../src/features/classroom/trainer-pin';
import { useCatalogStore } from '../../src/stores/use-catalog-store';
import { useLocaleStore } from '../../src/stores/use-locale-store';
import { resetProfileStore } from '../../src/stores/use-profile-store';

function go(hash: string) {
  act(() => {
    window.location.hash = hash;
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
}

describe('parseRoute', () => {
  it('should read the practice mode from the query and default to coach', () => {
    expect(parseRoute('/practice/spin-office-printer?mode=exam')).toEqual({
      page: 'practice',
      scenarioId: 'spin-office-printer',
      mode: 'exam',
    });
    expect(parseRoute('/practice/spin-office-printer')).toMatchObject({ mode: 'coach' });
    expect(parseRoute('/practice/spin-office-printer?mode=cheat')).toMatchObject({
      mode: 'coach',
    });
  });

  it('should decode the next address of the profile page and the report id', () => {
    expect(parseRoute(`/profile?next=${encodeURIComponent('#/practice/a?mode=choice')}`)).toEqual({
      page: 'profile',
      next: '#/practice/a?mode=choice',
    });
    expect(parseRoute('/report/abc-123')).toEqual({ page: 'report', attemptId: 'abc-123' });
  });

  it('should route staff to the company server’s pages', () => {
    expect(parseRoute('/staff')).toEqual({ page: 'staff', view: 'people' });
    expect(parseRoute('/staff/matrix')).toEqual({ page: 'staff', view: 'matrix' });
    expect(parseRoute('/staff/accounts')).toEqual({ page: 'staff', view: 'accounts' });
    expect(parseRoute('/staff/audit')).toEqual({ page: 'staff', view: 'audit' });
    expect(parseRoute('/staff/lrs')).toEqual({ page: 'staff', view: 'lrs' });
    expect(parseRoute('/staff/assignments')).toEqual({ page: 'staff', view: 'assignments' });
    expect(parseRoute('/staff/other')).toEqual({ page: 'not-found' });
    expect(parseRoute('/staff/matrix/x')).toEqual({ page: 'not-found' });
  });

  it('should route HR to the records and to one trainee', () => {
    expect(parseRoute('/records')).toEqual({ page: 'records' });
    expect(parseRoute('/records/trainee/E%20007')).toEqual({
      page: 'trainee',
      employeeNo: 'E 007',
    });
    expect(parseRoute('/records/E007')).toEqual({ page: 'not-found' });
  });

  it('should not guess at unknown or malformed paths', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/nowhere')).toEqual({ page: 'not-found' });
    expect(parseRoute('/library/extra')).toEqual({ page: 'not-found' });
    expect(parseRoute('/report/%E0%A4%A')).toEqual({ page: 'not-found' });
  });
});

describe('App', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
    resetProfileStore();
    useLocaleStore.setState({ locale: 'zh-CN' });
    useCatalogStore.setState({ status: 'ready', scenarios: [], errors: [] });
    window.location.hash = '';
  });

  it('should show the page of the hash and mark it in the navigation', async () => {
    render(<App />);
    const nav = screen.getByRole('navigation', { name: '主导航' });
    expect(nav.querySelector('[aria-current="page"]')).toBeNull();

    go('#/library');
    expect(await screen.findByRole('heading', { level: 1, name: '场景库' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '场景库' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: '练习记录' })).not.toHaveAttribute('aria-current');
    expect(document.title).toBe('场景库 · 服务道场');

    go('#/history');
    expect(await screen.findByRole('heading', { level: 1, name: '练习记录' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '练习记录' })).toHaveAttribute('aria-current', 'page');

    go('#/report/no-such-attempt');
    expect(
      await screen.findByRole('heading', { level: 1, name: '找不到这次练习的报告。' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '练习记录' })).toHaveAttribute('aria-current', 'page');

    go('#/nowhere');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('找不到这个页面');
  });

  it('should ask for the profile on the way to a scenario', async () => {
    render(<App />);
    go(`#/profile?next=${encodeURIComponent('#/practice/x?mode=exam')}`);
    expect(await screen.findByText(/第一次练习前/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '保存并开始练习' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '个人资料' })).toHaveAttribute('aria-current', 'page');
  });

  it('should put the records and a trainee page behind a set PIN', async () => {
    await setPin('2468');
    sessionStorage.clear();
    render(<App />);
    go('#/records');
    expect(
      await screen.findByRole('heading', { level: 1, name: '培训师 PIN' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('输入 PIN')).toBeInTheDocument();
    expect(screen.queryByText('学习记录库（LRS）连接')).toBeNull();

    go('#/records/trainee/E001');
    expect(await screen.findByLabelText('输入 PIN')).toBeInTheDocument();
  });
});
