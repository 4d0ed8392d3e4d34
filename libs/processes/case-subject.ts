/**
 * The enterprise a case is for, as lists show and search it: the name the application gives (the
 * enterprise's own, or the employer's), else the registration fetched from 市场监管局, else the
 * case's title. Read from what every process's snapshot already carries.
 */
export function enterpriseNameOf(c: { application?: Record<string, unknown> | null; assessment?: Record<string, unknown> | null; title: string }): string {
  const application = c.application ?? {};
  const registration = (c.assessment?.shared as { registration?: { name?: unknown } } | undefined)?.registration;
  const named = [application.enterpriseName, application.employerName, registration?.name].find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return (named ?? c.title).slice(0, 200);
}
