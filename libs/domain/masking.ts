/** E1234567 → E1****67: what a party without a stake may see of a passport or ID number. */
export function maskPassport(passportNumber: string): string {
  return passportNumber.length <= 4 ? '****' : `${passportNumber.slice(0, 2)}****${passportNumber.slice(-2)}`;
}
