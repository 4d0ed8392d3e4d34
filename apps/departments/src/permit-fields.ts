import { badRequest } from '../../../libs/dto';

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
