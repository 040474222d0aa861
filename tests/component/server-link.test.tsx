import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getProfile } from '../../src/data/attempts';
import { database, ServiceDojoDb, useDatabase } from '../../src/data/db';
import { JoinPage } from '../../src/features/server-link/join-page';
import { ServerPage } from '../../src/features/server-link/server-page';
import { startServerSync } from '../../src/features/server-link/server-sync';
import { useLocaleStore } from '../../src/stores/use-locale-store';
import { resetProfileStore, useProfileStore } from '../../src/stores/use-profile-store';

const PERSON = { name: '李明', employeeNo: 'E001', department: '客服部' };

function answer(status: number, body: unknown) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status }));
}

describe('JoinPage', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
    resetProfileStore();
    useLocaleStore.setState({ locale: 'zh-CN' });
    window.location.hash = '#/join/token-of-the-link-aaaaaaaaaaaaaaaaaaaaa';
  });

  afterEach(() => {
    // A successful join starts the page's sync loop; stop it.
    startServerSync()();
    vi.unstubAllGlobals();
  });

  it('should join with the link, say who the device now belongs to, and drop the token from the address', async () => {
    const fetchMock = answer(201, { deviceToken: 'd'.repeat(43), person: { ...PERSON, id: 1 } });
    vi.stubGlobal('fetch', fetchMock);
    render(<JoinPage token="token-of-the-link-aaaaaaaaaaaaaaaaaaaaa" />);
    expect(await screen.findByText(/身份：李明（工号 E001，客服部）/)).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(window.location.hash).toBe('#/server');
    expect(await getProfile()).toMatchObject(PERSON);
    expect(useProfileStore.getState().profile).toMatchObject(PERSON);
    expect(await database().serverLink.get('me')).toMatchObject({ person: PERSON });
  });

  it('should say when the link was already used, and keep the device unjoined', async () => {
    vi.stubGlobal('fetch', answer(410, { error: 'used' }));
    render(<JoinPage token="used-link-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" />);
    expect(await screen.findByRole('alert')).toHaveTextContent(/已经用过或已过期/);
    expect(await database().serverLink.get('me')).toBeUndefined();
  });
});

describe('ServerPage', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
    useLocaleStore.setState({ locale: 'zh-CN' });
  });

  it('should explain joining on a device that never joined', async () => {
    render(<ServerPage />);
    expect(await screen.findByText(/还没有加入公司服务器/)).toBeInTheDocument();
  });

  it('should say the device is no longer joined, what to do, and list the attempts kept here', async () => {
    await database().serverLink.put({
      id: 'me',
      deviceToken: 'x',
      person: PERSON,
      joinedAt: 0,
      withdrawnAt: 5,
    });
    await database().syncQueue.bulkPut([
      { attemptId: 'kept-1', state: 'withdrawn', queuedAt: 1, tries: 1, nextTryAt: 1 },
      {
        attemptId: 'kept-2',
        state: 'withdrawn',
        queuedAt: 2,
        tries: 1,
        nextTryAt: 2,
        abandoned: true,
      },
      { attemptId: 'sent-1', state: 'sent', queuedAt: 0, tries: 1, nextTryAt: 0, serverScore: 70 },
    ]);
    render(<ServerPage />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('这台设备已不再加入公司服务器');
    expect(alert).toHaveTextContent(/李明.*请向人事索取新的加入链接/);
    expect(screen.getByText(/以下 2 条练习没有发送，保留在本机/)).toBeInTheDocument();
    const kept = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(kept).toEqual(['kept-1', 'kept-2 （中途放弃）']);
    expect(screen.queryByText(/等待发送|所有练习都已发送/)).not.toBeInTheDocument();

    useLocaleStore.setState({ locale: 'en' });
    expect(await screen.findByText('This device is no longer joined')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Ask HR for a new join link');
  });

  it('should show the server’s score beside the device’s where they differ, with the reason', async () => {
    await database().serverLink.put({ id: 'me', deviceToken: 'x', person: PERSON, joinedAt: 0 });
    await database().syncQueue.bulkPut([
      {
        attemptId: 'a1',
        state: 'sent',
        queuedAt: 1,
        tries: 1,
        nextTryAt: 1,
        claimedScore: 100,
        serverScore: 62,
        difference: { reason: 'rescored' },
      },
      {
        attemptId: 'a2',
        state: 'sent',
        queuedAt: 1,
        tries: 1,
        nextTryAt: 1,
        claimedScore: 80,
        serverScore: 80,
      },
      { attemptId: 'a3', state: 'pending', queuedAt: 2, tries: 0, nextTryAt: 2, claimedScore: 70 },
    ]);
    render(<ServerPage />);
    expect(await screen.findByText('1 条练习等待发送（联网后自动发送）。')).toBeInTheDocument();
    const rows = within(screen.getByRole('table')).getAllByRole('row');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('100');
    expect(rows[1]).toHaveTextContent('62');
    expect(rows[1]).toHaveTextContent('服务器按公司当前的规则重新评分。');
  });
});
