import type { ProcessBench } from '../process-bench';
import { DEFAULT_HIGH_TECH_OPTIONS, HighTechOptions } from './high-tech.contract';

/**
 * 报备即批准 under load (npm run bench): the fast path certifies on filing; the normal path plays
 * 受理, 形式审查, the expert panel and joint review as the officials would.
 */
export const bench: ProcessBench<'fast' | 'normal'> = {
  paths: ['fast', 'normal'],
  // Eligible enterprises file only what no department holds; the normal path's declare 12 % domestic R&D.
  application: (path, e) =>
    path === 'fast'
      ? { creditCode: e.creditCode, techField: 'integrated-circuits' }
      : { creditCode: e.creditCode, enterpriseName: e.name, techField: 'integrated-circuits', rdExpenses: { year: 2025, domesticYuan: 1_200_000, totalYuan: 10_000_000 } },
  // As the API gives a case under the bench's settings (demoSettings, scriptedSettings): a 公示 of seconds, no spot checks.
  options: (publicNoticeSeconds): HighTechOptions & Record<string, unknown> => ({ ...DEFAULT_HIGH_TECH_OPTIONS, publicNoticeSeconds, spotCheckPercent: 0 }),
  endStatus: 'certified',
  shownDone: (c) => c.status === 'certified' && Boolean(c.certificate),
  async play(path, port, caseId, handoffs) {
    if (path === 'fast') return;
    const zgc = port.agency('zgc');
    const acceptance = await port.waitFor(zgc, caseId, '受理');
    let sent = Date.now();
    await port.decide(zgc, acceptance.step.id, { decision: 'accept' });
    const review = await port.waitFor(zgc, caseId, '形式审查');
    handoffs.push(review.at - sent);
    sent = Date.now();
    await port.decide(zgc, review.step.id, { decision: 'approve', reason: '材料齐全' });
    // The panel is drawn from the pool: the lead agency sees its members.
    const panel = await port.waitFor(zgc, caseId, '专家评审');
    const members = (panel.step.panel?.members ?? []).map((m) => port.expert(m.userId));
    const seenByExperts = await Promise.all(members.map((m) => port.waitFor(m, caseId, '专家评审')));
    handoffs.push(Math.max(...seenByExperts.map((s) => s.at)) - sent);
    sent = Date.now();
    await Promise.all(members.map((m) => port.act(m, panel.step.id, 'score', { score: 85, opinion: '研发投入真实' })));
    const [finance, tax] = [port.agency('finance'), port.agency('tax')];
    const [financeStep, taxStep] = await Promise.all([port.waitFor(finance, caseId, '联合审查（市财政局）'), port.waitFor(tax, caseId, '联合审查（北京市税务局）')]);
    handoffs.push(Math.max(financeStep.at, taxStep.at) - sent);
    await Promise.all([port.decide(finance, financeStep.step.id, { decision: 'approve' }), port.decide(tax, taxStep.step.id, { decision: 'approve' })]);
  },
};
