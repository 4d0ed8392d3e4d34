import { log, setHandler } from '@temporalio/workflow';
import type { Actor } from '../../libs/domain/case-engine.contract';
import { engineStateQuery, readModelQuery } from '../../libs/domain/case-engine.contract';
import { materialsDetail, materialsOf } from '../../libs/domain/materials';
import { CaseWithdrawn } from './failures';
import type { ProcessCase } from './process-case';

/** How a case is filed: the first entry of its timeline. */
export interface Filing {
  /** The process's name, as the 'filed' entry records it. */
  process: string;
  filedBy?: Actor;
  /** What else the 'filed' entry records (who filed, a talent's category). */
  detail?: Record<string, unknown>;
  /** False only for the benchmark's RAW floor (`npm run bench`): no read-model writes. */
  projecting?: boolean;
}

/**
 * The start and end every case shares, around the process's own policy (`body`): the engine's
 * queries, the projector, the 'filed' entry; then withdrawal caught once, the case clock stopped,
 * the last state written. The process's updates are registered by the workflow itself, before.
 */
export async function runCase(c: ProcessCase<string>, filing: Filing, body: () => Promise<void>): Promise<void> {
  const { engine } = c;
  setHandler(engineStateQuery, () => engine.state);
  setHandler(readModelQuery, () => engine.readModel());
  engine.projector.enabled = filing.projecting ?? true;
  const projector = engine.projector.run();
  engine.timeline.filed(engine.applicantId, filing.process, filing.filedBy, filing.detail ?? {});
  // The files filed with it, each with its SHA-256: only filings with materials have this entry.
  const materials = materialsOf(c.snapshot().application);
  if (materials.length) engine.timeline.by(filing.filedBy ?? { userId: engine.applicantId, role: 'applicant', name: '' }, 'materials-received', { detail: { materials: materialsDetail(materials) } });

  try {
    await body();
  } catch (error) {
    if (!(error instanceof CaseWithdrawn)) throw error;
    c.endWithdrawn();
  }
  // The case clock stops with the case; the watchers wake to see it, and the projector writes the end.
  engine.clocks.stop(engine.state.caseClock, new Date());
  log.info('case ended', { caseId: engine.caseId, status: c.status });
  await engine.projector.finish(projector);
}
