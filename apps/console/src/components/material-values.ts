/** One uploaded file as a form holds it: the request sends {kind, id}, the rest is for the person. */
export interface UploadedMaterial {
  kind: string;
  id: string;
  name: string;
  sha256: string;
}

/** What a filing, a correction answer or a decision sends of its files: each upload's kind and id. */
export function materialReferences(uploaded: readonly UploadedMaterial[] | undefined): Array<{ kind: string; id: string }> {
  return (uploaded ?? []).map(({ kind, id }) => ({ kind, id }));
}

/**
 * Where the API's error about a file belongs (`materials`, `materials.2.id`, `materials.0.kind`):
 * beside the one upload control of the form, which holds them all.
 */
export function materialsErrorPath(path: ReadonlyArray<string | number>): ['materials'] | undefined {
  return path[0] === 'materials' ? ['materials'] : undefined;
}

/** The files as a confirmation names them: 现场核查记录《核查.pdf》, by the kinds' Chinese names. */
export function attachedNames(uploaded: readonly UploadedMaterial[] | undefined, kindNames: Readonly<Record<string, string>>): string[] {
  return (uploaded ?? []).map((m) => `${kindNames[m.kind] ?? '附件'}《${m.name}》`);
}
