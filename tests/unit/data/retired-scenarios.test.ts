import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { ServiceDojoDb, useDatabase } from '../../../src/data/db';
import { useRetiredStore } from '../../../src/stores/use-retired-store';

let name = '';

beforeEach(() => {
  name = `retired-${crypto.randomUUID()}`;
  useDatabase(new ServiceDojoDb(name));
  useRetiredStore.setState({ ids: [] });
});

describe('useRetiredStore', () => {
  it('should keep a retired scenario across a reload and forget it once restored', async () => {
    await useRetiredStore.getState().setRetired('complaint-late-delivery', true);
    await useRetiredStore.getState().setRetired('spin-office-printer', true);
    await useRetiredStore.getState().setRetired('spin-office-printer', false);

    useRetiredStore.setState({ ids: [] });
    useDatabase(new ServiceDojoDb(name));
    await useRetiredStore.getState().load();
    expect(useRetiredStore.getState().ids).toEqual(['complaint-late-delivery']);
  });

  it('should open a database of an earlier version with nothing retired', async () => {
    const old = new Dexie(name);
    old.version(5).stores({ settings: 'key' });
    await old.open();
    await old.table('settings').put({ key: 'pin', value: 'x' });
    old.close();

    useDatabase(new ServiceDojoDb(name));
    await useRetiredStore.getState().load();
    expect(useRetiredStore.getState().ids).toEqual([]);
  });
});
