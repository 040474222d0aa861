import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { getProfile, saveProfile } from '../../src/data/attempts';
import { ServiceDojoDb, useDatabase } from '../../src/data/db';
import { ProfilePage } from '../../src/features/profile/profile-page';
import { useLocaleStore } from '../../src/stores/use-locale-store';
import { resetProfileStore, useProfileStore } from '../../src/stores/use-profile-store';

const next = '#/practice/complaint-late-delivery?mode=exam';

describe('ProfilePage', () => {
  beforeEach(() => {
    useDatabase(new ServiceDojoDb(`test-${crypto.randomUUID()}`));
    resetProfileStore();
    useLocaleStore.setState({ locale: 'zh-CN' });
    window.location.hash = '#/profile';
  });

  it('should ask a new trainee once and then go on to the scenario', async () => {
    const user = userEvent.setup();
    render(<ProfilePage next={next} />);
    expect(await screen.findByText(/第一次练习前/)).toBeInTheDocument();
    await user.type(screen.getByLabelText('姓名'), '  李明 ');
    await user.type(screen.getByLabelText('工号'), 'E001');
    await user.type(screen.getByLabelText('部门'), '客服部');
    await user.click(screen.getByRole('button', { name: '保存并开始练习' }));
    await expect.poll(() => window.location.hash).toBe(next);
    expect(await getProfile()).toMatchObject({
      name: '李明',
      employeeNo: 'E001',
      department: '客服部',
    });
    expect(useProfileStore.getState().profile?.name).toBe('李明');
  });

  it('should refuse empty fields, say which, and focus the first', async () => {
    const user = userEvent.setup();
    render(<ProfilePage next={next} />);
    await user.type(await screen.findByLabelText('工号'), '   ');
    await user.click(screen.getByRole('button', { name: '保存并开始练习' }));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('请填写姓名。');
    expect(alert).toHaveTextContent('请填写工号。');
    expect(alert).toHaveTextContent('请填写部门。');
    expect(screen.getByLabelText('姓名')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('姓名')).toHaveAccessibleDescription('请填写姓名。');
    expect(screen.getByLabelText('姓名')).toHaveFocus();
    expect(window.location.hash).toBe('#/profile');
    expect(await getProfile()).toBeUndefined();
  });

  it('should refuse a name that is too long', async () => {
    const user = userEvent.setup();
    render(<ProfilePage />);
    await user.type(await screen.findByLabelText('姓名'), '李'.repeat(41));
    await user.type(screen.getByLabelText('工号'), 'E001');
    await user.type(screen.getByLabelText('部门'), '客服部');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(screen.getByRole('alert')).toHaveTextContent('姓名最多 40 个字符。');
    expect(screen.getByLabelText('工号')).not.toHaveAttribute('aria-invalid');
    expect(await getProfile()).toBeUndefined();
  });

  it('should show the saved profile for editing and keep the change', async () => {
    await saveProfile({ name: '李明', employeeNo: 'E001', department: '客服部' });
    const user = userEvent.setup();
    render(<ProfilePage />);
    const department = await screen.findByLabelText('部门');
    expect(department).toHaveValue('客服部');
    expect(screen.getByText(/随时可以修改/)).toBeInTheDocument();
    await user.clear(department);
    await user.type(department, '售后服务部');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存。')).toBeInTheDocument();
    expect((await getProfile())?.department).toBe('售后服务部');
    expect(window.location.hash).toBe('#/profile');
  });

  it('should ignore a next address that leaves the app', async () => {
    const user = userEvent.setup();
    render(<ProfilePage next="https://example.com/" />);
    await user.type(await screen.findByLabelText('姓名'), '李明');
    await user.type(screen.getByLabelText('工号'), 'E001');
    await user.type(screen.getByLabelText('部门'), '客服部');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存。')).toBeInTheDocument();
    expect(window.location.hash).toBe('#/profile');
  });
});
