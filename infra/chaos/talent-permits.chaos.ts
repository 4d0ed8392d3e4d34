import { talentApplication } from '../talent-application';
import type { ChaosScenario, ChaosScript, ExpectedEffect } from './chaos-script';
import { registrationSeed } from './chaos-script';

/** 两证联办 in a chaos run: straight through, with one consolidated correction, and with the housing branch. */
const PERMITS: ExpectedEffect[] = [
  { department: 'hr-social-security', table: 'hr_social_security.work_permits', countSql: 'SELECT count(*)::int AS n FROM hr_social_security.work_permits WHERE case_id = $1' },
  { department: 'public-security', table: 'public_security.residence_permits', countSql: 'SELECT count(*)::int AS n FROM public_security.residence_permits WHERE case_id = $1' },
];
const HOUSING: ExpectedEffect = {
  department: 'housing',
  table: 'housing.talent_rental_allocations',
  countSql: 'SELECT count(*)::int AS n FROM housing.talent_rental_allocations WHERE case_id = $1',
};

function scenario(name: string, share: number, housing: boolean, returns?: string[]): ChaosScenario {
  return {
    name,
    share,
    seeds: (e) => [registrationSeed(e)],
    application: (e) =>
      talentApplication(
        { creditCode: e.creditCode, name: e.name },
        // Distinct per case, so a passport seen in the wrong case would be noticed.
        { name: `Talent ${e.n}`, passportNumber: `C${String(e.n).padStart(8, '0')}` },
        { workResidencePermit: false, talentHousing: housing },
      ),
    endStatus: 'completed',
    onceActions: ['work-permit-issued', 'residence-permit-issued'],
    effects: () => (housing ? [...PERMITS, HOUSING] : PERMITS),
    returns,
  };
}

export const chaos: ChaosScript = {
  scenarios: [scenario('talent', 9, false), scenario('talent-correction', 7, false, ['来华工作许可审查（市人社局）', '居留许可预审（市公安局）']), scenario('talent-housing', 6, true)],
  agencies: ['talent-bureau', 'hr-social-security', 'public-security', 'housing'],
};
