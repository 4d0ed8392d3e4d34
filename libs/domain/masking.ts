/** E1234567 → E1****67: what a party without a stake may see of a passport or ID number. */
export function maskPassport(passportNumber: string): string {
  return passportNumber.length <= 4 ? '****' : `${passportNumber.slice(0, 2)}****${passportNumber.slice(-2)}`;
}

/**
 * Who sees a case's personal data whole (and may open its personal documents): the applicant who
 * filed it and the agencies with a step on it. Everyone else who may see the case — a supervisor,
 * an expert — sees it masked. The API's case view and downloads, and the consoles' offer of a
 * download, all ask this one rule.
 */
export function seesPersonalDataWhole(role: string | undefined): boolean {
  return role === 'applicant' || role === 'agency';
}
