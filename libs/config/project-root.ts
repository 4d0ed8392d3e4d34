import { basename, dirname, resolve } from 'node:path';

/** The project root, whether this code runs from source (ts) or from dist/ (compiled). */
export function projectRoot(): string {
  const up = resolve(__dirname, '..', '..');
  return basename(up) === 'dist' ? dirname(up) : up;
}
