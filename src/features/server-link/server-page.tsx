/**
 * #/server: whether this device has joined a company server, what is still waiting to be sent,
 * and every attempt the server scored differently from this device, with the reason. The
 * server's score is the one that counts.
 */
import { useEffect, useState } from 'react';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { formatDateTime } from '../../data/workbook';
import type {
  AttemptRecord,
  PublishedCatalogRecord,
  ServerLinkRecord,
  SyncItem,
} from '../../data/db';
import { pullCatalog } from './catalog-pull';
import { watchSync } from './server-sync';
import './server-link.css';

interface Loaded {
  link: ServerLinkRecord | undefined;
  synced: { item: SyncItem; attempt?: AttemptRecord }[];
  published: PublishedCatalogRecord | undefined;
}

export function ServerPage() {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded>();

  // Live: attempts finished since the last sync tick count as waiting already, and the company's
  // newest published content shows once pulled (kept as it was when offline).
  useEffect(() => {
    void pullCatalog().catch(() => 'unreachable');
    return watchSync(setLoaded);
  }, []);

  return (
    <section className="page server-link" aria-labelledby="server-title">
      <h1 id="server-title">{t('server.title')}</h1>
      {loaded === undefined && <p role="status">{t('server.loading')}</p>}
      {loaded && !loaded.link && <p>{t('server.notJoined')}</p>}
      {loaded?.link?.withdrawnAt !== undefined && (
        <WithdrawnStatus link={loaded.link} synced={loaded.synced} />
      )}
      {loaded?.link && loaded.link.withdrawnAt === undefined && (
        <SyncStatus link={loaded.link} synced={loaded.synced} />
      )}
      {loaded?.link && <PublishedStatus published={loaded.published} />}
    </section>
  );
}

function SyncStatus({ link, synced }: { link: ServerLinkRecord; synced: Loaded['synced'] }) {
  const t = useT();
  const localized = useLocalized();
  const waiting = synced.filter(({ item }) => item.state === 'pending').length;
  const refused = synced.filter(({ item }) => item.state === 'refused');
  const differing = synced.filter(
    ({ item }) => item.state === 'sent' && item.serverScore !== item.claimedScore,
  );
  return (
    <>
      <p>{t('server.joined', { ...link.person })}</p>
      <h2>{t('server.queue')}</h2>
      <p role="status">
        {waiting > 0 ? t('server.waiting', { count: waiting }) : t('server.allSent')}
      </p>
      {refused.length > 0 && (
        <p role="alert">
          {t('server.refused', {
            count: refused.length,
            reason: refused[0]?.item.lastError ?? '',
          })}
        </p>
      )}
      <h2>{t('server.differences')}</h2>
      {differing.length === 0 ? (
        <p>{t('server.noDifferences')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('server.column.scenario')}</th>
              <th scope="col">{t('server.column.device')}</th>
              <th scope="col">{t('server.column.server')}</th>
              <th scope="col">{t('server.column.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map(({ item, attempt }) => (
              <tr key={item.attemptId}>
                <td>
                  {attempt ? (
                    <a href={`#/report/${encodeURIComponent(item.attemptId)}`}>
                      {localized(attempt.scenarioTitle)}
                    </a>
                  ) : (
                    item.attemptId
                  )}
                </td>
                <td>{item.claimedScore ?? '—'}</td>
                <td>
                  <strong>{item.serverScore}</strong>
                </td>
                <td>
                  <ReasonText difference={item.difference} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The server no longer knows this device: what to do, and the attempts kept here unsent. */
function WithdrawnStatus({ link, synced }: { link: ServerLinkRecord; synced: Loaded['synced'] }) {
  const t = useT();
  const localized = useLocalized();
  const kept = synced.filter(({ item }) => item.state === 'withdrawn');
  return (
    <>
      <div role="alert">
        <h2>{t('server.withdrawn.title')}</h2>
        <p>{t('server.withdrawn.text', { name: link.person.name })}</p>
      </div>
      {kept.length === 0 ? (
        <p>{t('server.withdrawn.none')}</p>
      ) : (
        <>
          <p>{t('server.withdrawn.kept', { count: kept.length })}</p>
          <ul>
            {kept.map(({ item, attempt }) => (
              <li key={item.attemptId}>
                {!attempt ? (
                  item.attemptId
                ) : attempt.report ? (
                  <a href={`#/report/${encodeURIComponent(item.attemptId)}`}>
                    {localized(attempt.scenarioTitle)} · {formatDateTime(attempt.startedAt)}
                  </a>
                ) : (
                  `${localized(attempt.scenarioTitle)} · ${formatDateTime(attempt.startedAt)}`
                )}
                {item.abandoned && ` ${t('server.withdrawn.abandoned')}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

/** Why the server's score differs, in words: another scenario version, a newer rule pack, or a re-score. */
function ReasonText({ difference }: { difference: SyncItem['difference'] }) {
  const t = useT();
  if (difference?.reason === 'scenario-version')
    return t('server.reason.scenario-version', {
      serverVersion: difference.serverVersion ?? '',
      deviceVersion: difference.deviceVersion ?? '',
    });
  if (difference?.reason === 'rule-pack')
    return t('server.reason.rule-pack', {
      packs: Object.entries(difference.serverPacks ?? {})
        .map(([pack, version]) => `${pack} v${version}`)
        .join(', '),
    });
  return t('server.reason.rescored');
}

/** What this device keeps of the company's published content. */
function PublishedStatus({ published }: { published: PublishedCatalogRecord | undefined }) {
  const t = useT();
  const empty = !published || published.rulePacks.length + published.scenarioVersions.length === 0;
  return (
    <>
      <h2>{t('server.published')}</h2>
      <p>
        {empty
          ? t('server.publishedNone')
          : t('server.publishedKept', {
              packs:
                published.rulePacks.map(({ pack, version }) => `${pack} v${version}`).join(', ') ||
                '—',
              scenarios: published.scenarioVersions.length,
            })}
      </p>
    </>
  );
}
