import { ForeignTalent, TalentApplication } from '../libs/processes/talent-permits/talent-permits.contract';

/**
 * A complete 两证联办 application: a category-A foreign talent. Its materials (附件) are uploaded
 * first and filed beside it (`materials`, see uploadTalentMaterials in test/support/materials.ts
 * and infra/demo). The demo, the chaos run and the tests file it, each changing only what it is about.
 */
export function talentApplication(
  employer: { creditCode: string; name: string },
  talent: Partial<ForeignTalent> = {},
  requests: TalentApplication['requests'] = { workResidencePermit: false, talentHousing: false },
): TalentApplication {
  return {
    employerCreditCode: employer.creditCode,
    employerName: employer.name,
    talent: {
      name: 'Anna Schmidt',
      passportNumber: 'C4XK29T71',
      nationality: 'DEU',
      dateOfBirth: '1988-04-02',
      passportExpiry: '2034-06-30',
      degree: 'doctorate',
      position: '首席算法科学家',
      annualSalaryYuan: 1_200_000,
      category: 'A',
      ...talent,
    },
    requests,
  };
}
