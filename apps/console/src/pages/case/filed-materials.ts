import type { MaterialReference } from '../../../../../libs/domain/materials';
import { seesPersonalDataWhole } from '../../../../../libs/domain/masking';
import { DECISION_LABELS, MATERIAL_KIND_LABELS, TIMELINE_ACTION_LABELS } from '../../../../../libs/i18n/labels';
import type { MaterialRequirementInfo, TimelineEntry } from '../../api/views';

/** Where a file came in: with the filing, with an answer to a correction notice, with an official's decision. */
export type MaterialSource = 'filing' | 'correction' | 'decision' | 'other';

export interface FiledMaterial extends MaterialReference {
  source: MaterialSource;
  /** Where it came from in words: 随补正提交, 随决定上传 · 人才资格预审（市人才局） · 退回补正. */
  from: string;
  at: string;
}

const SOURCES: Record<string, MaterialSource> = { 'materials-received': 'filing', filed: 'filing', 'correction-answered': 'correction', 'step-decided': 'decision' };

/** The short tag of each source on the materials card. */
export const SOURCE_TAGS: Record<MaterialSource, string> = { filing: '申请', correction: '补正', decision: '决定', other: '附件' };

function fromWords(entry: TimelineEntry, source: MaterialSource): string {
  if (source === 'filing') return '随申请提交';
  if (source === 'correction') return '随补正提交';
  if (source === 'decision') {
    const step = typeof entry.detail?.step === 'string' ? entry.detail.step : '';
    const decision = DECISION_LABELS[entry.detail?.decision as keyof typeof DECISION_LABELS];
    return ['随决定上传', step, decision].filter(Boolean).join(' · ');
  }
  return TIMELINE_ACTION_LABELS[entry.action] ?? '';
}

/** Every file on the case's timeline (filing, correction answers, decisions), once each, in the order they came. */
export function filedMaterials(timeline: readonly TimelineEntry[]): FiledMaterial[] {
  const seen = new Set<string>();
  const out: FiledMaterial[] = [];
  for (const entry of timeline) {
    const materials = entry.detail?.materials;
    if (!Array.isArray(materials)) continue;
    const source = SOURCES[entry.action] ?? 'other';
    for (const m of materials as MaterialReference[]) {
      if (seen.has(m.id)) continue;
      seen.add(m.id);
      out.push({ ...m, source, from: fromWords(entry, source), at: entry.at });
    }
  }
  return out;
}

/**
 * A material kind's Chinese name: from the process's own lists (filing, correction, decision, as
 * GET /processes gives them), else the engine's names, else 附件.
 */
export function kindNames(materials: { filing?: MaterialRequirementInfo[]; correction?: MaterialRequirementInfo[]; decision?: MaterialRequirementInfo[] } | undefined): Record<string, string> {
  const names: Record<string, string> = { ...MATERIAL_KIND_LABELS };
  for (const list of [materials?.decision, materials?.correction, materials?.filing]) for (const m of list ?? []) names[m.kind] = m.name;
  return names;
}

/**
 * Whether the viewer may download a file of a kind: a personal document (a passport scan) only by
 * those who see the case's personal data whole — the applicant and the agencies — as the API's
 * rule for the case view and the download (403 `material.personal`) says; everyone else (a
 * supervisor, an expert) sees those data masked, the file's name included.
 */
export function mayDownload(kind: string, role: string | undefined, materials: { filing?: MaterialRequirementInfo[]; correction?: MaterialRequirementInfo[]; decision?: MaterialRequirementInfo[] } | undefined): boolean {
  if (seesPersonalDataWhole(role)) return true;
  const personal = [materials?.filing, materials?.correction, materials?.decision].some((list) => list?.some((m) => m.kind === kind && m.personal));
  return !personal;
}
