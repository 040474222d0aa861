import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpeechControls } from '../../src/features/practice/speech-controls';
import { useLocaleStore } from '../../src/stores/use-locale-store';

type Scope = { webkitSpeechRecognition?: unknown; SpeechRecognition?: unknown };

/** A stand-in recogniser whose next start fails with the given Web Speech error code. */
class FailingRecognition {
  static code = 'not-allowed';
  static last: FailingRecognition | undefined;
  lang = '';
  interimResults = false;
  onresult = null;
  onend: (() => void) | null = null;
  onerror: ((event: { error?: string }) => void) | null = null;
  start() {
    FailingRecognition.last = this;
  }
  stop() {}
}

describe('SpeechControls', () => {
  beforeEach(() => {
    useLocaleStore.setState({ locale: 'zh-CN' });
    localStorage.clear();
  });
  afterEach(() => {
    delete (window as Scope).webkitSpeechRecognition;
    delete (window as Scope).SpeechRecognition;
  });

  it('should hide voice input where speech recognition is missing and say why, once', async () => {
    const first = render(<SpeechControls line="" onHeard={() => undefined} />);
    expect(screen.queryByRole('button', { name: '语音输入' })).toBeNull();
    expect(screen.getByText(/这个浏览器不支持语音识别/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '关闭提示' }));
    expect(screen.queryByText(/这个浏览器不支持语音识别/)).toBeNull();
    first.unmount();

    render(<SpeechControls line="" onHeard={() => undefined} />);
    expect(screen.queryByText(/这个浏览器不支持语音识别/)).toBeNull();
  });

  it('should say so when voice input fails', async () => {
    (window as Scope).webkitSpeechRecognition = FailingRecognition;
    render(<SpeechControls line="" onHeard={() => undefined} />);
    expect(screen.queryByText(/不支持语音识别/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '语音输入' }));
    act(() => FailingRecognition.last?.onerror?.({ error: 'not-allowed' }));
    expect(screen.getByRole('alert')).toHaveTextContent('语音输入失败：没有麦克风权限');
    expect(screen.getByRole('button', { name: '语音输入' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });

  it('should offer no voice input in choice mode, where there is nothing to type into', () => {
    (window as Scope).webkitSpeechRecognition = FailingRecognition;
    const { unmount } = render(<SpeechControls line="" />);
    expect(screen.queryByRole('button', { name: '语音输入' })).toBeNull();
    unmount();
    delete (window as Scope).webkitSpeechRecognition;
    render(<SpeechControls line="" />);
    expect(screen.queryByText(/不支持语音识别/)).toBeNull();
  });
});
