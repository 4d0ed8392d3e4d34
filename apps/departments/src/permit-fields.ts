import { ServiceUnavailableException } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { FindOptionsWhere, Repository } from 'typeorm';
import { maskPassport } from '../../../libs/domain';
import { badRequest } from '../../../libs/dto';
import type { IssuedPermit } from './issued-permit.entity';

/** 护照号码 as the permit departments record it: capitals and digits, no spaces or separators. */
export const PASSPORT_NUMBER = /^[A-Z0-9]{6,12}$/;
export const PASSPORT_NUMBER_MESSAGE = 'passportNumber must be 6 to 12 capital letters or digits';

/** ISO 3166-1 alpha-3, the code printed on the passport (USA, DEU, GBR). */
export const NATIONALITY = /^[A-Z]{3}$/;
export const NATIONALITY_MESSAGE = 'nationality must be an ISO 3166-1 alpha-3 code such as DEU';

/**
 * A permit valid for no day at all is a caller's mistake, not something to number and store:
 * a 400 in the same shape as the validation pipe's, before anything is written.
 */
export function assertValidPeriod(body: { validFrom: string; validUntil: string }): void {
  // YYYY-MM-DD strings (checked by IsCalendarDate) compare as dates.
  if (body.validUntil <= body.validFrom) {
    throw badRequest([{ field: 'validUntil', rule: 'afterValidFrom', message: 'validUntil must be after validFrom' }]);
  }
}

/**
 * Issues a permit once per case under an unguessable number: the prefix (kind and year, e.g.
 * WP2026) and six digits from the system's CSPRNG, where a sequence once let anyone holding one
 * number guess the next. `insert` writes the row with ON CONFLICT DO NOTHING, so a retry — even
 * one racing the first call — finds the permit already issued for the case, and a number another
 * case already holds is simply drawn again.
 */
export async function issuePermit<T extends IssuedPermit>(permits: Repository<T>, prefix: string, caseId: string, insert: (number: string) => Promise<unknown>): Promise<T> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    await insert(`${prefix}${String(randomInt(0, 1_000_000)).padStart(6, '0')}`);
    const issued = await permits.findOneBy({ caseId } as FindOptionsWhere<T>);
    if (issued) return issued;
  }
  // Twenty draws all taken: the year's numbers are nearly used up, which the caller retries and an operator must see.
  throw new ServiceUnavailableException(`no free ${prefix} permit number after 20 draws`);
}

/**
 * What a permit department answers about a permit: the passport number masked. Its callers (the
 * workflow's activities) read the number and validity, never the passport, which they sent themselves.
 */
export function maskedHolder<T extends { passportNumber: string }>(record: T): T {
  return { ...record, passportNumber: maskPassport(record.passportNumber) };
}
