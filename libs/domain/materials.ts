/**
 * Materials (附件): files people attach to a filing, a correction answer or a decision. The bytes
 * live in the object store; a workflow's input and history carry only this reference — never the
 * bytes, never a URL. Workflow-safe: plain types and data.
 */
export interface MaterialReference {
  /** The upload's id (POST /materials answered it). */
  id: string;
  /** What it is: a material kind of the process (`passport-copy`) or of the engine (`correction-material`). */
  kind: string;
  /** The file's name as uploaded. */
  name: string;
  size: number;
  /** As sniffed from the content, not as the name or the browser said. */
  contentType: string;
  sha256: string;
}

/** One material a filing takes, as a process's contract names it. */
export interface MaterialRequirement {
  kind: string;
  /** Its Chinese name: 护照复印件. */
  name: string;
  required: boolean;
  /** Content types accepted, as sniffed from the bytes. */
  contentTypes: readonly string[];
  /** The largest file accepted, in bytes (never above MATERIALS_MAX_BYTES). */
  maxBytes: number;
  /** A personal document (a passport scan): only the parties with a stake may open it, as with the masked fields. */
  personal?: boolean;
  /**
   * An official's working paper (专家意见): the applicant neither sees it on the case nor may open
   * it; the officials and supervisors on the case do. Review opinions are for the deciding agency,
   * and one could name the expert a blind panel keeps anonymous.
   */
  internal?: boolean;
}

export const PDF = 'application/pdf';
export const PNG = 'image/png';
export const JPEG = 'image/jpeg';
/** What every material may be unless its process says otherwise: scans and PDFs. */
export const DOCUMENT_TYPES: readonly string[] = [PDF, PNG, JPEG];
export const MIB = 1024 * 1024;

/**
 * The materials the engine takes on any case: with an answer to a correction notice, and with an
 * official's decision (an expert opinion, an on-site inspection record).
 */
export const ENGINE_MATERIALS: readonly MaterialRequirement[] = [
  { kind: 'correction-material', name: '补正材料', required: false, contentTypes: DOCUMENT_TYPES, maxBytes: 20 * MIB },
  { kind: 'expert-opinion', name: '专家意见', required: false, contentTypes: DOCUMENT_TYPES, maxBytes: 20 * MIB, internal: true },
  { kind: 'inspection-record', name: '现场核查记录', required: false, contentTypes: DOCUMENT_TYPES, maxBytes: 20 * MIB },
  { kind: 'decision-attachment', name: '决定附件', required: false, contentTypes: DOCUMENT_TYPES, maxBytes: 20 * MIB },
];
/** Which engine materials go with what. */
export const CORRECTION_MATERIAL_KINDS: readonly string[] = ['correction-material'];
export const DECISION_MATERIAL_KINDS: readonly string[] = ['expert-opinion', 'inspection-record', 'decision-attachment'];

/** What an answer to a correction notice may attach: 补正材料, or any of the process's filing materials (re-supplied, optional now). */
export function correctionMaterials(process: { materials?: readonly MaterialRequirement[] }): MaterialRequirement[] {
  return [...ENGINE_MATERIALS.filter((m) => CORRECTION_MATERIAL_KINDS.includes(m.kind)), ...(process.materials ?? []).map((m) => ({ ...m, required: false }))];
}

/** What an official may attach to a decision. */
export function decisionMaterials(): MaterialRequirement[] {
  return ENGINE_MATERIALS.filter((m) => DECISION_MATERIAL_KINDS.includes(m.kind));
}

/** The references a filed application carries (the API adds them as `materials`), or none. */
export function materialsOf(application: unknown): MaterialReference[] {
  const materials = (application as { materials?: unknown } | null | undefined)?.materials;
  return Array.isArray(materials) ? (materials as MaterialReference[]) : [];
}

/** What the timeline records of each: enough to check a file is the one filed (its SHA-256), no URL. */
export function materialsDetail(materials: readonly MaterialReference[]): Array<Omit<MaterialReference, never>> {
  return materials.map(({ id, kind, name, size, contentType, sha256 }) => ({ id, kind, name, size, contentType, sha256 }));
}
