/** Where in a token the API reads who someone is (AUTH_CLAIM_*: each provider names them its own way). */
export interface ClaimNames {
  /** A role name, or a list of them of which exactly one is ours. */
  roles: string;
  agency: string;
  name: string;
  applicantId: string;
}

/** What the embedded provider and the dev-login put in a token, and the API reads by default. */
export const DEFAULT_CLAIM_NAMES: ClaimNames = { roles: 'roles', agency: 'agency', name: 'name', applicantId: 'applicant_id' };
