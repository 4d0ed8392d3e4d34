import type { RewardSharedFacts } from './reward-eligibility.rules';
import { assessReward, marketOf, registrationWindowStart } from './reward-eligibility.rules';
import type { SpecializedRewardApplication } from './specialized-rewards.contract';

const AS_OF = '2026-06-15';
const CREDIT_CODE = '91110114MA04KH6R2A';

const application = (over: Partial<SpecializedRewardApplication> = {}): SpecializedRewardApplication => ({
  creditCode: CREDIT_CODE,
  enterpriseName: '北京康华生物医药有限公司',
  product: { name: '注射用康华单抗', type: 'drug' },
  registration: { agency: 'FDA', number: 'BLA 761345', registeredOn: '2025-03-18' },
  exportDeclarations: ['010020250000004200'],
  ...over,
});

const shared = (over: Partial<RewardSharedFacts> = {}): RewardSharedFacts => ({
  roster: { creditCode: CREDIT_CODE, name: '北京康华生物医药有限公司', listings: [{ level: 'national-little-giant', listYear: 2025, validUntil: '2028-06-30' }] },
  licence: { licenceNumber: '京20210031', holderCreditCode: CREDIT_CODE, productName: '注射用康华单抗', productType: 'drug', issuedOn: '2021-03-01', validUntil: '2029-02-28', status: 'valid' },
  exportSales: {
    creditCode: CREDIT_CODE,
    productName: '注射用康华单抗',
    market: 'US',
    declarations: [
      { declarationNumber: '010020250000004200', declaredOn: '2025-11-27', amountYuan: 1_250_000 },
      { declarationNumber: '010020250000004201', declaredOn: '2026-02-25', amountYuan: 1_350_000 },
    ],
    totalYuan: 2_600_000,
    firstDeclaredOn: '2025-11-27',
    lastDeclaredOn: '2026-02-25',
  },
  ...over,
});

const failed = (a: ReturnType<typeof assessReward>) => a.criteria.filter((c) => !c.passed).map((c) => [c.criterion, c.source]);

describe('who item 12 rewards (专精特新 international-registration rewards)', () => {
  it('rewards a listed enterprise whose recently registered product is made in Beijing and sold in that market', () => {
    const a = assessReward(application(), shared(), AS_OF);
    expect(a.eligible).toBe(true);
    expect(a.criteria.map((c) => c.reason)).toEqual([
      '国家级专精特新"小巨人"企业（2025年认定，有效期至2028-06-30）（来源：市经济和信息化局）',
      '美国食品药品监督管理局（FDA）注册（BLA 761345）于2025-03-18取得，在近两年内（2024-06-15起）（申请人申报）',
      '“注射用康华单抗”（药品）在本市生产：生产许可证京20210031（2021-03-01至2029-02-28）（来源：市药品监督管理局）',
      '2025-11-27至2026-02-25出口至美国2笔，共计260万元（来源：北京海关）',
      '申报信息与共享数据一致（自动比对）',
    ]);
  });

  it('names every reason and its source when the departments do not bear the application out', () => {
    const a = assessReward(application({ registration: { agency: 'EMA', number: 'EU/1/22/1650/001', registeredOn: '2024-06-14' } }), { roster: null, licence: null, exportSales: null }, AS_OF);
    expect(a.eligible).toBe(false);
    expect(failed(a)).toEqual([
      ['specialized-enterprise', 'economy-it'],
      ['recent-registration', 'applicant'],
      ['beijing-production', 'medical-products'],
      ['export-sales', 'customs'],
      ['declaration-matches', 'applicant'],
    ]);
    expect(a.criteria.map((c) => c.reason)).toEqual([
      '不在专精特新中小企业及"小巨人"企业名单中（来源：市经济和信息化局）',
      '欧洲药品管理局（EMA）注册（EU/1/22/1650/001）于2024-06-14取得，早于近两年（2024-06-15起），不在奖励范围内（申请人申报）',
      '无“注射用康华单抗”的本市生产许可记录，不能认定在本市生产（来源：市药品监督管理局）',
      '无“注射用康华单抗”2024-06-14注册以来出口至欧盟的报关记录，不能认定已在相应国外市场实现销售（来源：北京海关）',
      '申报信息与共享数据不一致：报关单010020250000004200不在北京海关所载该产品注册以来出口至相应市场的记录中',
    ]);
  });

  it('counts a registration exactly two years old, not a day older', () => {
    const on = (registeredOn: string) => assessReward(application({ registration: { agency: 'FDA', number: 'NDA 215123', registeredOn } }), shared(), AS_OF).criteria[1].passed;
    expect([on('2024-06-15'), on('2024-06-14'), on(AS_OF), on('2026-06-16')]).toEqual([true, false, true, false]);
    expect(registrationWindowStart('2028-02-29')).toBe('2026-02-28');
    expect(registrationWindowStart('2026-03-01')).toBe('2024-03-01');
  });

  it('wants the listing still valid, the licence valid and of the declared kind', () => {
    const lapsed = assessReward(application(), shared({ roster: { creditCode: CREDIT_CODE, name: '北京康华生物医药有限公司', listings: [{ level: 'municipal-specialized-sme', listYear: 2022, validUntil: '2025-12-31' }] } }), AS_OF);
    expect(lapsed.criteria[0]).toMatchObject({ passed: false, reason: '专精特新企业资格已不在有效期内（市级"专精特新"中小企业有效期至2025-12-31）（来源：市经济和信息化局）' });

    const device = assessReward(application({ product: { name: '注射用康华单抗', type: 'high-end-medical-device' } }), shared(), AS_OF);
    expect(device.criteria[2]).toMatchObject({ passed: false, reason: '生产许可证京20210031（2021-03-01至2029-02-28）所载产品类别为药品，申报为高端医疗器械（来源：市药品监督管理局）' });
    expect(device.mismatches).toEqual([{ field: 'product.type', declared: '高端医疗器械', shared: '药品', source: 'medical-products' }]);

    const revoked = assessReward(application(), shared({ licence: { ...shared().licence!, status: 'revoked' } }), AS_OF);
    expect(revoked.criteria[2].reason).toContain('已注销');
  });

  it('compares the name and the declarations with what the departments record', () => {
    const a = assessReward(application({ enterpriseName: '北京康华医药有限公司', exportDeclarations: ['010020250000004201', '999999999999999999'] }), shared(), AS_OF);
    expect(a.eligible).toBe(false);
    expect(a.mismatches).toEqual([
      { field: 'enterpriseName', declared: '北京康华医药有限公司', shared: '北京康华生物医药有限公司', source: 'economy-it' },
      { field: 'exportDeclarations', declared: '999999999999999999', shared: null, source: 'customs' },
    ]);
  });

  it('looks for sales in the market the registration opens', () => {
    const agencies = ['FDA', 'EMA', 'PMDA', 'WHO-PQ'] as const;
    expect(agencies.map((agency) => marketOf(application({ registration: { agency, number: 'X1', registeredOn: '2025-01-01' } })))).toEqual(['US', 'EU', 'JP', 'OTHER']);
  });
});
