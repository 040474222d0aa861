import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  resetUpdatePrompt,
  UpdatePrompt,
  watchForUpdates,
  type WorkerContainer,
} from '../../src/components/layout/update-prompt';
import { useLocaleStore } from '../../src/stores/use-locale-store';

/** A service worker as the page sees it: a state, statechange events, postMessage. */
class FakeWorker extends EventTarget {
  postMessage = vi.fn();
  constructor(public state: ServiceWorkerState) {
    super();
  }
  become(state: ServiceWorkerState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

class FakeRegistration extends EventTarget {
  waiting: FakeWorker | null = null;
  installing: FakeWorker | null = null;
}

class FakeContainer extends EventTarget {
  constructor(public controller: ServiceWorker | null) {
    super();
  }
}

const oldWorker = new FakeWorker('activated') as unknown as ServiceWorker;

/** A page controlled by the old build's worker, with a new worker already waiting. */
function waitingUpdate() {
  const registration = new FakeRegistration();
  const worker = new FakeWorker('installed');
  registration.waiting = worker;
  const container = new FakeContainer(oldWorker);
  const reload = vi.fn();
  return { registration, worker, container, reload };
}

function watch({
  registration,
  container,
  reload,
}: {
  registration: FakeRegistration;
  container: FakeContainer;
  reload: () => void;
}): void {
  act(() =>
    watchForUpdates(registration as unknown as ServiceWorkerRegistration, {
      container: container as unknown as WorkerContainer,
      reload,
    }),
  );
}

async function goTo(hash: string): Promise<void> {
  await act(async () => {
    window.location.hash = hash;
    await new Promise((done) => setTimeout(done, 0));
  });
}

describe('UpdatePrompt', () => {
  beforeEach(async () => {
    useLocaleStore.setState({ locale: 'zh-CN' });
    await goTo('#/');
  });
  afterEach(() => {
    act(() => resetUpdatePrompt());
  });

  it('should say nothing while no new version waits', () => {
    render(<UpdatePrompt />);
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('should offer the waiting version and reload only after the trainee accepts', async () => {
    const user = userEvent.setup();
    const update = waitingUpdate();
    render(<UpdatePrompt />);
    watch(update);

    expect(screen.getByRole('status')).toHaveTextContent('新版本已就绪');
    expect(update.worker.postMessage).not.toHaveBeenCalled();
    expect(update.reload).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: '更新并重新加载' }));
    expect(update.worker.postMessage).toHaveBeenCalledWith({ type: 'SKIP_WAITING' });
    // The page reloads once the new worker has taken over, not before.
    expect(update.reload).not.toHaveBeenCalled();
    act(() => update.container.dispatchEvent(new Event('controllerchange')));
    expect(update.reload).toHaveBeenCalledTimes(1);
  });

  it('should offer a worker that finishes installing while the page is open', () => {
    const update = waitingUpdate();
    update.registration.waiting = null;
    render(<UpdatePrompt />);
    watch(update);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();

    const next = new FakeWorker('installing');
    update.registration.installing = next;
    act(() => update.registration.dispatchEvent(new Event('updatefound')));
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    act(() => next.become('installed'));
    expect(screen.getByRole('button', { name: '更新并重新加载' })).toBeInTheDocument();
  });

  it('should offer nothing and never reload on the first install (clientsClaim)', () => {
    const update = waitingUpdate();
    update.registration.waiting = null;
    update.container.controller = null;
    render(<UpdatePrompt />);
    watch(update);

    const first = new FakeWorker('installing');
    update.registration.installing = first;
    act(() => update.registration.dispatchEvent(new Event('updatefound')));
    act(() => first.become('installed'));
    act(() => update.container.dispatchEvent(new Event('controllerchange')));
    expect(screen.getByRole('status')).toHaveTextContent('');
    expect(update.reload).not.toHaveBeenCalled();
  });

  it('should never reload mid-conversation, and offer the update after it', async () => {
    await goTo('#/practice/complaint-broken-aircon?mode=coach');
    const update = waitingUpdate();
    render(<UpdatePrompt />);
    watch(update);

    expect(screen.getByRole('status')).toHaveTextContent('新版本已就绪');
    expect(screen.getByRole('status')).toHaveTextContent('练习结束后或回到首页时再更新');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(update.worker.postMessage).not.toHaveBeenCalled();

    // The conversation ended: the report page offers the update.
    await goTo('#/report/attempt-1');
    expect(screen.getByRole('button', { name: '更新并重新加载' })).toBeInTheDocument();
    expect(update.reload).not.toHaveBeenCalled();
  });

  it('should offer a reload when another tab has already switched to the new version', async () => {
    const user = userEvent.setup();
    const update = waitingUpdate();
    render(<UpdatePrompt />);
    watch(update);
    act(() => update.container.dispatchEvent(new Event('controllerchange')));
    expect(update.reload).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: '更新并重新加载' }));
    expect(update.reload).toHaveBeenCalledTimes(1);
  });

  it('should hide the offer when a newer deploy replaces the waiting worker', () => {
    const update = waitingUpdate();
    render(<UpdatePrompt />);
    watch(update);
    act(() => update.worker.become('redundant'));
    expect(screen.getByRole('status')).toHaveTextContent('');
  });

  it('should speak English when the interface is in English', () => {
    useLocaleStore.setState({ locale: 'en' });
    render(<UpdatePrompt />);
    watch(waitingUpdate());
    expect(screen.getByRole('status')).toHaveTextContent('A new version is ready.');
    expect(screen.getByRole('button', { name: 'Update and reload' })).toBeInTheDocument();
  });
});
