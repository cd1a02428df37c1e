import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { InTurn } from '../../components/InTurn.js';
import type { CaseDetail } from './api.js';
import { loadStepForm } from './CaseActions.js';
import { SensitivityPanel } from './SensitivityPanel.js';
import { TriagePanel } from './TriagePanel.js';
import { TeamPanel } from './TeamPanel.js';
import { DispatchPanel } from '../network/DispatchPanel.js';
import { CaseEventsPanel } from '../events/CaseEventsPanel.js';
import { ConsentsPanel } from '../dataprotection/ConsentsPanel.js';
import { AssessmentSection } from './CaseAssessment.js';
import { Timeline } from './CaseTimeline.js';
import { People } from './CasePeople.js';

// The response phase is in chunks of its own: the case itself shows while they load. All four are asked
// for together when the rest of the page is drawn, each behind its own Suspense boundary, so one that
// arrives late never hides (and re-mounts) a section already on screen.
const sectionChunks = () => ({
  response: import('../response/ResponsePanel.js'),
  evidence: import('../evidence/EvidenceSection.js'),
  referrals: import('../referrals/CaseReferrals.js'),
  funds: import('../funds/FundsSection.js'),
});
let loading: ReturnType<typeof sectionChunks> | null = null;
const chunks = () => (loading ??= sectionChunks());
/** This chunk and the response phase's chunks are loaded (the print view waits for them). */
export async function sectionsLoaded(): Promise<void> {
  await Promise.all(Object.values(chunks()));
}
const ResponsePanel = lazy(() => chunks().response.then((m) => ({ default: m.ResponsePanel })));
const EvidenceSection = lazy(() => chunks().evidence.then((m) => ({ default: m.EvidenceSection })));
const CaseReferrals = lazy(() => chunks().referrals.then((m) => ({ default: m.CaseReferrals })));
const FundsSection = lazy(() => chunks().funds.then((m) => ({ default: m.FundsSection })));

/** The case's sections below the summary and its clocks, mounted in turn (InTurn; `all` at once, to print). */
export function CaseMainRest({ c, all = false }: { c: CaseDetail; all?: boolean }) {
  const { t } = useTranslation();
  chunks();
  // The steps' forms share this chunk's form layer: asked for now, they open at once when pressed.
  void loadStepForm();
  return (
    <InTurn all={all}>
      <AssessmentSection c={c} />
      <DispatchPanel c={c} />
      <Suspense
        fallback={
          <p className="card case-section muted" role="status">
            {t('response.loading')}
          </p>
        }
      >
        <ResponsePanel c={c} />
      </Suspense>
      <Suspense fallback={null}>
        <EvidenceSection c={c} />
      </Suspense>
      <Suspense fallback={null}>
        <CaseReferrals c={c} />
      </Suspense>
      <Suspense fallback={null}>
        <FundsSection c={c} />
      </Suspense>
      <Timeline c={c} />
    </InTurn>
  );
}

/** The side column: sensitivity, events, triage, people, team, consents. */
export function CaseSide({ c, all = false }: { c: CaseDetail; all?: boolean }) {
  const { t } = useTranslation();
  return (
    <aside className="case__side" aria-label={t('case.sideLabel')}>
      <InTurn all={all}>
        <SensitivityPanel c={c} />
        <CaseEventsPanel caseId={c.id} />
        <TriagePanel c={c} />
        <People c={c} />
        <TeamPanel c={c} />
        <ConsentsPanel c={c} />
      </InTurn>
    </aside>
  );
}
