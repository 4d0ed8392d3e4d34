import type { ModuleRef } from '@nestjs/core';
import { CalendarRolloutActivities } from './calendar-rollout.activities';
import { CustomsActivities } from './customs.activities';
import { DistrictActivities } from './district.activities';
import { EconomyItActivities } from './economy-it.activities';
import { FinanceActivities } from './finance.activities';
import { MarketSupervisionActivities } from './market-supervision.activities';
import { MedicalProductsActivities } from './medical-products.activities';
import { HousingActivities, HrSocialSecurityActivities, PublicSecurityActivities, TalentBureauActivities } from './permits.activities';
import { ReadModelActivities } from './read-model.activities';
import { RewardLedgerActivities } from './reward-ledger.activities';
import { ServiceCenterActivities } from './service-center.activities';
import { StatisticsActivities } from './statistics.activities';
import { TaxActivities } from './tax.activities';
import { ZgcActivities } from './zgc.activities';

/**
 * The activities the worker registers, by department-prefixed name. Explicit, so a rename is a
 * compile error in the workflows (they import only this file's type) rather than a case stuck
 * on an unknown activity.
 */
export function buildActivityMap(d: {
  marketSupervision: MarketSupervisionActivities;
  tax: TaxActivities;
  statistics: StatisticsActivities;
  zgc: ZgcActivities;
  district: DistrictActivities;
  serviceCenter: ServiceCenterActivities;
  hrSocialSecurity: HrSocialSecurityActivities;
  publicSecurity: PublicSecurityActivities;
  talentBureau: TalentBureauActivities;
  housing: HousingActivities;
  readModel: ReadModelActivities;
  calendarRollout: CalendarRolloutActivities;
  economyIt: EconomyItActivities;
  medicalProducts: MedicalProductsActivities;
  customs: CustomsActivities;
  finance: FinanceActivities;
  rewardLedger: RewardLedgerActivities;
}) {
  return {
    marketSupervisionGetRegistration: d.marketSupervision.getRegistration.bind(d.marketSupervision),
    taxGetRdExpenses: d.tax.getRdExpenses.bind(d.tax),
    statisticsGetScale: d.statistics.getScale.bind(d.statistics),
    taxRegisterPreferentialStatus: d.tax.registerPreferentialStatus.bind(d.tax),
    taxFlagStockIncentiveDeferral: d.tax.flagStockIncentiveDeferral.bind(d.tax),
    zgcGetUnicorn: d.zgc.getUnicorn.bind(d.zgc),
    serviceCenterQueryCompliance: d.serviceCenter.queryCompliance.bind(d.serviceCenter),
    zgcGetEnterprise: d.zgc.getEnterprise.bind(d.zgc),
    zgcGetCreditMarks: d.zgc.getCreditMarks.bind(d.zgc),
    zgcIssueCertificate: d.zgc.issueCertificate.bind(d.zgc),
    zgcRevokeCertificate: d.zgc.revokeCertificate.bind(d.zgc),
    zgcRecordCreditMark: d.zgc.recordCreditMark.bind(d.zgc),
    districtAddToCultivationList: d.district.addToCultivationList.bind(d.district),
    hrSocialSecurityIssueWorkPermit: d.hrSocialSecurity.issueWorkPermit.bind(d.hrSocialSecurity),
    publicSecurityIssueResidencePermit: d.publicSecurity.issueResidencePermit.bind(d.publicSecurity),
    talentBureauIssueWorkResidencePermit: d.talentBureau.issueWorkResidencePermit.bind(d.talentBureau),
    housingAllocateTalentRental: d.housing.allocateTalentRental.bind(d.housing),
    readModelProject: d.readModel.project.bind(d.readModel),
    calendarSignalRunningCases: d.calendarRollout.signalRunningCases.bind(d.calendarRollout),
    economyItGetSpecializedEnterprise: d.economyIt.getSpecializedEnterprise.bind(d.economyIt),
    medicalProductsGetProductionLicence: d.medicalProducts.getProductionLicence.bind(d.medicalProducts),
    customsGetExportSales: d.customs.getExportSales.bind(d.customs),
    financePayReward: d.finance.payReward.bind(d.finance),
    rewardLedgerReserve: d.rewardLedger.reserve.bind(d.rewardLedger),
    rewardLedgerRelease: d.rewardLedger.release.bind(d.rewardLedger),
    rewardLedgerCommit: d.rewardLedger.commit.bind(d.rewardLedger),
  };
}

export type Activities = ReturnType<typeof buildActivityMap>;

export function activityMapFrom(moduleRef: Pick<ModuleRef, 'get'>): Activities {
  const get = <T>(type: new (...args: never[]) => T): T => moduleRef.get(type, { strict: false });
  return buildActivityMap({
    marketSupervision: get(MarketSupervisionActivities),
    tax: get(TaxActivities),
    statistics: get(StatisticsActivities),
    zgc: get(ZgcActivities),
    district: get(DistrictActivities),
    serviceCenter: get(ServiceCenterActivities),
    hrSocialSecurity: get(HrSocialSecurityActivities),
    publicSecurity: get(PublicSecurityActivities),
    talentBureau: get(TalentBureauActivities),
    housing: get(HousingActivities),
    readModel: get(ReadModelActivities),
    calendarRollout: get(CalendarRolloutActivities),
    economyIt: get(EconomyItActivities),
    medicalProducts: get(MedicalProductsActivities),
    customs: get(CustomsActivities),
    finance: get(FinanceActivities),
    rewardLedger: get(RewardLedgerActivities),
  });
}
