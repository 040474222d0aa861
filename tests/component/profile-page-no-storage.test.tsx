import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceDojoDb, useDatabase } from '../../src/data/db';
import { loadProfile, resetMemoryAttempts } from '../../src/data/memory-attempts';
import { ProfilePage } from '../../src/features/profile/profile-page';
import { useLocaleStore } from '../../src/stores/use-locale-store';
import { resetProfileStore } from '../../src/stores/use-profile-store';

describe('ProfilePage without storage', () => {
  beforeEach(() => {
    // A database that cannot open, as in private mode.
    const closed = new ServiceDojoDb(`test-${crypto.randomUUID()}`);
    closed.close();
    useDatabase(closed);
    resetProfileStore();
    resetMemoryAttempts();
    useLocaleStore.setState({ locale: 'zh-CN' });
    window.location.hash = '#/profile';
  });
  afterEach(() => resetMemoryAttempts());

  it('should keep the name for this tab and say it will be asked again', async () => {
    const user = userEvent.setup();
    render(<ProfilePage />);
    await user.type(await screen.findByLabelText('姓名'), '李明');
    await user.type(screen.getByLabelText('工号'), 'E001');
    await user.type(screen.getByLabelText('部门'), '客服部');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText(/关闭标签页后需要重新填写/)).toBeInTheDocument();
    expect(screen.queryByText(/保存失败/)).toBeNull();
    expect(await loadProfile()).toEqual({ name: '李明', employeeNo: 'E001', department: '客服部' });
  });

  it('should go on to the scenario after a first-time profile', async () => {
    const next = '#/practice/complaint-late-delivery?mode=coach';
    const user = userEvent.setup();
    render(<ProfilePage next={next} />);
    await user.type(await screen.findByLabelText('姓名'), '李明');
    await user.type(screen.getByLabelText('工号'), 'E001');
    await user.type(screen.getByLabelText('部门'), '客服部');
    await user.click(screen.getByRole('button', { name: '保存并开始练习' }));
    await expect.poll(() => window.location.hash).toBe(next);
  });
});
