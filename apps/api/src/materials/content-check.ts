import { fromBuffer } from 'file-type';
import { JPEG, PDF, PNG } from '../../../../libs/domain';

/** How many bytes file-type reads to know a type: the head is held back until it has them. */
export const SNIFF_BYTES = 4100;
/** How much of the end is kept to see that the file is whole. */
export const TAIL_BYTES = 1024;

/** What a file's name says it is, for the types we take. */
const EXTENSIONS: Readonly<Record<string, string>> = { pdf: PDF, png: PNG, jpg: JPEG, jpeg: JPEG };

/** The types as people name them in messages. */
export const TYPE_NAMES: Readonly<Record<string, string>> = { [PDF]: 'PDF', [PNG]: 'PNG', [JPEG]: 'JPEG' };
export const typeName = (type: string): string => TYPE_NAMES[type] ?? type;

export type ContentProblem =
  | { rule: 'unrecognisedType' }
  | { rule: 'typeNotAllowed'; detected: string }
  | { rule: 'typeMismatch'; detected: string; extension: string }
  | { rule: 'broken'; detected: string };

/** The content type, from the first bytes alone (magic numbers), never from the name. */
export async function sniff(head: Buffer): Promise<string | undefined> {
  return (await fromBuffer(head))?.mime;
}

/** Whether the detected type may be taken, given what is allowed and the file's name. */
export function typeProblem(detected: string | undefined, allowed: readonly string[], filename: string): ContentProblem | undefined {
  if (!detected) return { rule: 'unrecognisedType' };
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase();
  const named = extension ? EXTENSIONS[extension] : undefined;
  // A name that says PDF on a PNG is refused: someone meant another file.
  if (named && named !== detected) return { rule: 'typeMismatch', detected, extension: extension! };
  if (!allowed.includes(detected)) return { rule: 'typeNotAllowed', detected };
  return undefined;
}

const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
const JPEG_END = Buffer.from([0xff, 0xd9]);

/**
 * A cut-off upload ends before the format's end marker: a PDF's %%EOF, a PNG's IEND chunk, a
 * JPEG's EOI. Trailing bytes after the marker (whitespace, a signature) are tolerated.
 */
export function truncated(type: string, tail: Buffer): boolean {
  if (type === PDF) return !tail.includes('%%EOF');
  if (type === PNG) return !tail.includes(PNG_END);
  if (type === JPEG) return !tail.includes(JPEG_END);
  return false;
}
