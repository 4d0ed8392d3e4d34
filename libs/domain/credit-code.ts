/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet, the last one a
 * check character computed from the first seventeen (weights 3^i mod 31).
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return undefined;
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: unknown): boolean {
  if (typeof code !== 'string' || !/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** Builds a valid code from a 17-character body: for seeds and tests. */
export function withCheckChar(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (!check || first17.length !== 17) throw new Error(`not a credit code body: ${first17}`);
  return first17 + check;
}

/** A valid code for a made-up enterprise in 海淀 (91110108…), random enough never to repeat: for seeds and tests. */
export function randomCreditCode(): string {
  const org = [...globalThis.crypto.getRandomValues(new Uint8Array(9))].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return withCheckChar(`91110108${org}`);
}
