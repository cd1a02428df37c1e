import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/client.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { PageHeading } from '../../components/PageHeading.js';
import { QueryState } from '../../components/QueryState.js';
import { rolesAllow } from '../../../shared/permissions.js';
import { responderSkillCodes, type ResponderSkill } from '../../../shared/network.js';
import { useCurrentUser } from '../auth/session.js';
import { counties } from '../cases/counties.js';
import {
  useActiveMissions,
  useResponders,
  useUpdateResponder,
  type Responder,
  type ResponderFilters,
} from './api.js';
import { groupByArea, type WardCount } from './areas.js';
import { areaText, useNetworkTerms } from './labels.js';
import { MissionList } from './Missions.js';
import { ResponderForm } from './ResponderForm.js';
import { WellbeingTab } from './WellbeingTab.js';
import './network.css';

type Tab = 'responders' | 'areas' | 'wellbeing';

/**
 * The community response network (DESIGN §3): active missions with their next check-in, the
 * responder roster (filters, add, availability), who is where by county and ward, and for
 * supervisors the confidential wellbeing view.
 */
export function NetworkPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canRead = rolesAllow(user.roles, 'network:read');
  const canWellbeing = rolesAllow(user.roles, 'network:wellbeing');
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tabs: Tab[] = canWellbeing ? ['responders', 'areas', 'wellbeing'] : ['responders', 'areas'];
  const tab: Tab = tabs.includes(asked as Tab) ? (asked as Tab) : 'responders';
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  if (!canRead) {
    return (
      <section className="page" data-testid="network-page">
        <PageHeading title={t('network.title')}>{t('network.title')}</PageHeading>
        <p className="card notice" data-testid="network-no-access">
          {t('network.noAccess')}
        </p>
        {rolesAllow(user.roles, 'sos:raise') ? <p className="muted">{t('network.sosHint')}</p> : null}
      </section>
    );
  }

  const choose = (next: Tab, focus = false) => {
    setParams(next === 'responders' ? {} : { tab: next }, { replace: true });
    if (focus) window.requestAnimationFrame(() => tabRefs.current[next]?.focus());
  };
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Home and End go to the ends.
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.indexOf(tab);
    const to =
      e.key === 'ArrowRight'
        ? tabs[(i + 1) % tabs.length]
        : e.key === 'ArrowLeft'
          ? tabs[(i - 1 + tabs.length) % tabs.length]
          : e.key === 'Home'
            ? tabs[0]
            : e.key === 'End'
              ? tabs[tabs.length - 1]
              : undefined;
    if (to) {
      e.preventDefault();
      choose(to, true);
    }
  };

  return (
    <section className="page page--wide network" data-testid="network-page">
      <PageHeading title={t('network.title')}>{t('network.title')}</PageHeading>
      <p className="muted">{t('network.intro')}</p>
      <MissionsSection />
      <div className="network-tabs" role="tablist" aria-label={t('network.tabsLabel')} onKeyDown={onKeyDown}>
        {tabs.map((k) => (
          <button
            key={k}
            ref={(el) => {
              tabRefs.current[k] = el;
            }}
            type="button"
            role="tab"
            id={`network-tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`network-panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            className="network-tabs__tab"
            onClick={() => choose(k)}
            data-testid={`network-tab-${k}`}
          >
            {t(`network.tabs.${k}`)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`network-panel-${tab}`}
        aria-labelledby={`network-tab-${tab}`}
        tabIndex={0}
        className="network-panel"
      >
        {tab === 'responders' ? <RosterTab /> : tab === 'areas' ? <AreasTab /> : <WellbeingTab />}
      </div>
    </section>
  );
}

function MissionsSection() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const missions = useActiveMissions();
  const overdue = missions.data?.filter((m) => m.overdue).length ?? 0;
  return (
    <section
      className="card network-section"
      aria-labelledby="network-missions"
      data-testid="network-missions"
    >
      <h2 id="network-missions">
        {t('network.missions.title')}{' '}
        {missions.data ? (
          <span className="muted">({t('network.missions.count', { count: missions.data.length })})</span>
        ) : null}
        {overdue > 0 ? (
          <>
            {' '}
            <span className="tag tag--late" data-testid="missions-overdue-count">
              {t('network.missions.overdueCount', { count: overdue })}
            </span>
          </>
        ) : null}
      </h2>
      <p className="muted small">{t('network.missions.intro')}</p>
      <QueryState query={missions}>
        {(list) => (
          <MissionList
            missions={list}
            showCase
            canCheckIn={rolesAllow(user.roles, 'missions:check_in')}
            testId="network-mission-list"
          />
        )}
      </QueryState>
    </section>
  );
}

/** A value that follows `value` once it has stopped changing for `ms` (typing a ward name). */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return v;
}

function RosterTab() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = rolesAllow(user.roles, 'network:manage');
  const terms = useNetworkTerms();
  const [county, setCounty] = useState('');
  const [ward, setWard] = useState('');
  const [skill, setSkill] = useState<ResponderSkill | ''>('');
  const [available, setAvailable] = useState<'' | 'true' | 'false'>('');
  const wardQuery = useDebounced(ward.trim(), 400);
  const filters: ResponderFilters = {
    county: county || undefined,
    ward: wardQuery || undefined,
    skill: skill || undefined,
    available: available || undefined,
  };
  const filtered = Boolean(county || ward || skill || available);
  const columns = useResponderColumns(canManage);
  const responders = useResponders(filters);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  return (
    <>
      <div className="page-title-row">
        <h2>{t('network.roster.title')}</h2>
        {canManage ? (
          <button
            ref={addRef}
            type="button"
            className="button button--primary"
            aria-expanded={adding}
            onClick={() => {
              setSaved(null);
              setAdding((x) => !x);
            }}
            data-testid="responder-add"
          >
            <span aria-hidden="true">+</span> {t('network.roster.add')}
          </button>
        ) : null}
      </div>
      {saved ? (
        <p
          ref={savedRef}
          tabIndex={-1}
          className="alert alert--ok"
          role="status"
          data-testid="responder-saved"
        >
          {saved}
        </p>
      ) : null}
      {adding ? (
        <div className="card network-section">
          <ResponderForm
            onDone={(message) => {
              setAdding(false);
              if (message) setSaved(message);
              else window.requestAnimationFrame(() => addRef.current?.focus());
            }}
          />
        </div>
      ) : null}

      <form
        className="filters"
        role="search"
        aria-label={t('network.roster.filtersLabel')}
        data-testid="responder-filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="field field--compact">
          <label htmlFor="responder-filter-county">{t('network.roster.county')}</label>
          <select
            id="responder-filter-county"
            value={county}
            onChange={(e) => setCounty(e.target.value)}
            data-testid="responder-filter-county"
          >
            <option value="">{t('network.roster.anyCounty')}</option>
            {counties.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="responder-filter-ward">{t('network.roster.ward')}</label>
          <input
            id="responder-filter-ward"
            value={ward}
            maxLength={80}
            onChange={(e) => setWard(e.target.value)}
            data-testid="responder-filter-ward"
          />
        </div>
        <div className="field field--compact">
          <label htmlFor="responder-filter-skill">{t('network.roster.skill')}</label>
          <select
            id="responder-filter-skill"
            value={skill}
            onChange={(e) => setSkill(e.target.value as ResponderSkill | '')}
            data-testid="responder-filter-skill"
          >
            <option value="">{t('network.roster.anySkill')}</option>
            {responderSkillCodes.map((s) => (
              <option key={s} value={s}>
                {terms.skill(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--compact">
          <label htmlFor="responder-filter-available">{t('network.roster.availability')}</label>
          <select
            id="responder-filter-available"
            value={available}
            onChange={(e) => setAvailable(e.target.value as '' | 'true' | 'false')}
            data-testid="responder-filter-available"
          >
            <option value="">{t('network.roster.anyone')}</option>
            <option value="true">{t('network.roster.availableOnly')}</option>
            <option value="false">{t('network.roster.unavailableOnly')}</option>
          </select>
        </div>
        {filtered ? (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              setCounty('');
              setWard('');
              setSkill('');
              setAvailable('');
            }}
          >
            {t('network.roster.clear')}
          </button>
        ) : null}
      </form>

      <QueryState query={responders}>
        {(list) => (
          <DataTable
            caption={
              <>
                {filtered ? t('network.roster.captionFiltered') : t('network.roster.caption')}{' '}
                <span className="muted">({t('network.roster.count', { count: list.length })})</span>
              </>
            }
            captionId="responders-caption"
            columns={columns}
            rows={list}
            rowKey={(r) => r.id}
            rowProps={(r) => ({
              'data-testid': 'responder-row',
              'data-name': r.name,
              'data-available': String(r.available),
            })}
            empty={filtered ? t('network.roster.emptyFiltered') : t('network.roster.empty')}
            emptyProps={{ className: 'queue__empty', 'data-testid': 'responders-empty' }}
            className="table--dense"
            testId="responder-table"
          />
        )}
      </QueryState>
    </>
  );
}

function useResponderColumns(canManage: boolean): Column<Responder>[] {
  const { t } = useTranslation();
  const terms = useNetworkTerms();
  return [
    {
      key: 'name',
      label: t('network.roster.colName'),
      rowHeader: true,
      cell: (r) => (
        <>
          <span className="network-name">{r.name}</span>
          <span className="muted small network-block">
            {t('network.roster.phoneEnds', { digits: r.phoneMasked })} ·{' '}
            {t('network.roster.smsIn', { language: t(`language.${r.locale}`) })}
          </span>
          {!r.active ? <span className="tag tag--muted">{t('network.roster.inactive')}</span> : null}
          {r.hasAccount ? <span className="tag tag--open">{t('network.roster.hasAccount')}</span> : null}
        </>
      ),
    },
    {
      key: 'areas',
      label: t('network.roster.colAreas'),
      cell: (r) => (
        <ul className="network-plain-list">
          {r.areas.map((a, i) => (
            <li key={i}>{areaText(a)}</li>
          ))}
        </ul>
      ),
    },
    {
      key: 'skills',
      label: t('network.roster.colSkills'),
      cell: (r) => (
        <ul className="inline-list">
          {r.skills.map((s) => (
            <li key={s} className="chip">
              {terms.skill(s)}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'centre',
      label: t('network.roster.colCentre'),
      cell: (r) => r.homeCentre ?? <span className="muted">—</span>,
    },
    {
      key: 'load',
      label: t('network.roster.colLoad'),
      cell: (r) => (
        <span data-testid="responder-load">
          {t('network.roster.load', { load: r.activeMissions, limit: r.caseloadLimit })}
        </span>
      ),
    },
    {
      key: 'availability',
      label: t('network.roster.colAvailability'),
      cell: (r) => <Availability r={r} canManage={canManage} />,
    },
  ];
}

/** A responder's availability: a switch for those who manage the roster, a tag for others. */
function Availability({ r, canManage }: { r: Responder; canManage: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateResponder();
  // Shown at once; the server's answer (or a refusal) follows.
  const [pending, setPending] = useState<boolean | null>(null);
  const available = pending ?? r.available;
  const hours =
    r.availableFrom && r.availableTo
      ? t('network.roster.hours', { from: r.availableFrom, to: r.availableTo })
      : t('network.roster.anyTime');

  const toggle = () => {
    if (update.isPending) return;
    const next = !available;
    setPending(next);
    update.mutate({ id: r.id, patch: { available: next } }, { onSettled: () => setPending(null) });
  };

  return (
    <>
      {canManage ? (
        <label className="choice network-switch">
          <input
            type="checkbox"
            role="switch"
            checked={available}
            aria-disabled={update.isPending}
            onChange={toggle}
            data-testid="responder-toggle"
          />
          <span>{available ? t('network.roster.available') : t('network.roster.unavailable')}</span>
          <span className="visually-hidden"> ({r.name})</span>
        </label>
      ) : (
        <span className={r.available ? 'tag tag--ok' : 'tag tag--muted'}>
          {r.available ? t('network.roster.available') : t('network.roster.unavailable')}
        </span>
      )}
      <span className="muted small network-block">{hours}</span>
      {update.isError ? (
        <span className="field__error network-block" role="alert">
          {errorText(update.error)}
        </span>
      ) : null}
    </>
  );
}

function AreasTab() {
  const { t } = useTranslation();
  const responders = useResponders({});
  const columns: Column<WardCount>[] = [
    {
      key: 'ward',
      label: t('network.areas.ward'),
      rowHeader: true,
      cell: (w) => w.ward ?? <span className="muted">{t('network.areas.wholeCounty')}</span>,
    },
    {
      key: 'subCounty',
      label: t('network.areas.subCounty'),
      cell: (w) => w.subCounty ?? <span className="muted">—</span>,
    },
    {
      key: 'count',
      label: t('network.areas.availableOfTotal'),
      cell: (w) => (
        <span
          className={w.available === 0 ? 'network-count network-count--none' : 'network-count'}
          data-testid="area-ward-count"
          data-available={w.available}
          data-total={w.total}
        >
          <span aria-hidden="true">
            {w.available} / {w.total}
          </span>
          <span className="visually-hidden">
            {t('network.areas.count', { available: w.available, total: w.total })}
          </span>
        </span>
      ),
    },
  ];
  return (
    <QueryState query={responders}>
      {(list) => {
        const groups = groupByArea(list);
        return (
          <>
            <h2>{t('network.areas.title')}</h2>
            <p className="muted small">{t('network.areas.intro')}</p>
            {groups.length === 0 ? <p className="card notice">{t('network.roster.empty')}</p> : null}
            <div className="network-areas" data-testid="network-areas">
              {groups.map((g) => (
                <section
                  key={g.county}
                  className="card network-area"
                  aria-labelledby={`area-${g.county}`}
                  data-testid="area-county"
                  data-county={g.county}
                >
                  <h3 id={`area-${g.county}`}>
                    {g.county}{' '}
                    <span className="network-count" data-testid="area-county-count">
                      {t('network.areas.count', { available: g.available, total: g.total })}
                    </span>
                  </h3>
                  <DataTable
                    caption={
                      <span className="visually-hidden">
                        {t('network.areas.wardsIn', { county: g.county })}
                      </span>
                    }
                    captionId={`area-${g.county}-wards`}
                    columns={columns}
                    rows={g.wards}
                    rowKey={(w) => w.ward ?? ''}
                    rowProps={(w) => ({ 'data-testid': 'area-ward', 'data-ward': w.ward ?? '' })}
                    empty={t('network.roster.empty')}
                    className="table--dense"
                  />
                </section>
              ))}
            </div>
          </>
        );
      }}
    </QueryState>
  );
}
