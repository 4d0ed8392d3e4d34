import type { NextFunction, Request, Response } from 'express';

/**
 * A NUL character can be stored neither in Postgres text nor in jsonb: let one in and the read
 * model refuses the case's every projection, so the case would stick. Refuse it at the door,
 * wherever it hides — path, query or any string in the body — naming where.
 */
function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findNul(v, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findNul(k, path) ?? findNul(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return undefined;
}

export function rejectNul(req: Request, res: Response, next: NextFunction): void {
  let decodedPath = req.path;
  try {
    decodedPath = decodeURIComponent(req.path);
  } catch {
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: 'the path is not valid percent-encoding' });
    return;
  }
  const where = decodedPath.includes('\u0000') ? 'path' : (findNul(req.query, 'query') ?? findNul(req.body, ''));
  if (where !== undefined) {
    const field = where || 'body';
    res.status(400).json({ statusCode: 400, error: 'Bad Request', message: `${field} contains a NUL character`, errors: [{ field, rule: 'noNulCharacter', message: `${field} contains a NUL character` }] });
    return;
  }
  next();
}
