import { DeclaredFacts, SharedFacts, assessFastPath, sharePercent } from './high-tech-eligibility';

const CODE = '91110108MA01XQ4T7X';

function declared(overrides: Partial<DeclaredFacts> = {}): DeclaredFacts {
  return {
    creditCode: CODE,
    enterpriseName: '北京芯算科技有限公司',
    techField: 'integrated-circuits',
    rdExpenses: { year: 2025, domesticYuan: 6_000_000, totalYuan: 10_000_000 },
    ...overrides,
  };
}

function shared(overrides: Partial<SharedFacts> = {}): SharedFacts {
  return {
    registration: { creditCode: CODE, name: '北京芯算科技有限公司', registeredOn: '2019-03-18', province: '北京市', district: '海淀区', businessType: 'production' },
    rdExpenses: { creditCode: CODE, year: 2025, domesticYuan: 6_000_000, totalYuan: 10_000_000 },
    scale: { creditCode: CODE, year: 2025, aboveDesignatedSize: true },
    zgcEnterprise: { creditCode: CODE, name: '北京芯算科技有限公司', techField: 'integrated-circuits' },
    creditMarks: [],
    ...overrides,
  };
}

const failedOf = (d: DeclaredFacts, s: SharedFacts, asOf = '2026-11-25') =>
  assessFastPath(d, s, asOf)
    .criteria.filter((c) => !c.passed)
    .map((c) => c.criterion);

describe('报备即批准 criteria', () => {
  it('refuses the fast path to an enterprise with a 失信 mark, naming it', () => {
    const marks = [{ reason: '虚假申报研发费用', recordedOn: '2026-03-02' }];
    const result = assessFastPath(declared(), shared({ creditMarks: marks }), '2026-11-25');
    expect(result.criteria.filter((c) => !c.passed).map((c) => c.criterion)).toEqual(['good-credit']);
    expect(result.criteria.find((c) => c.criterion === 'good-credit')!.reason).toContain('虚假申报研发费用');
  });

  it('takes what the applicant left out from the departments, comparing only what was declared', () => {
    const result = assessFastPath({ creditCode: CODE, techField: 'integrated-circuits' }, shared(), '2026-11-25');
    expect(result.eligible).toBe(true);
    expect(result.mismatches).toEqual([]);
  });

  it('approves an enterprise meeting every criterion', () => {
    const result = assessFastPath(declared(), shared(), '2026-11-25');
    expect(result.eligible).toBe(true);
    expect(result.mismatches).toEqual([]);
    expect(result.criteria).toHaveLength(8);
  });

  it.each(['集成电路', '人工智能', '生物医药', '关键材料'])('accepts each of the four fields the policy names (%s)', (name) => {
    const field = ({ 集成电路: 'integrated-circuits', 人工智能: 'artificial-intelligence', 生物医药: 'biomedicine', 关键材料: 'key-materials' } as const)[name as '集成电路'];
    const s = shared({ zgcEnterprise: { creditCode: CODE, name: '北京芯算科技有限公司', techField: field } });
    expect(assessFastPath(declared({ techField: field }), s, '2026-11-25').eligible).toBe(true);
  });

  it('refuses an enterprise registered outside Beijing', () => {
    const s = shared({ registration: { ...shared().registration!, province: '河北省', district: '廊坊市' } });
    expect(failedOf(declared(), s)).toEqual(['beijing-enterprise']);
  });

  it('refuses a field outside the four', () => {
    const s = shared({ zgcEnterprise: { ...shared().zgcEnterprise!, techField: 'aerospace' } });
    expect(failedOf(declared({ techField: 'aerospace' }), s)).toEqual(['priority-field']);
  });

  it.each(['trading', 'services'] as const)('refuses a %s enterprise (not 生产研发类)', (businessType) => {
    const s = shared({ registration: { ...shared().registration!, businessType } });
    expect(failedOf(declared(), s)).toEqual(['production-or-rd']);
  });

  it('accepts an R&D-type enterprise as 生产研发类', () => {
    const s = shared({ registration: { ...shared().registration!, businessType: 'research-development' } });
    expect(failedOf(declared(), s)).toEqual([]);
  });

  it('refuses an enterprise below designated size', () => {
    expect(failedOf(declared(), shared({ scale: { creditCode: CODE, year: 2025, aboveDesignatedSize: false } }))).toEqual(['above-designated-size']);
  });

  it('counts one year to the day: the first anniversary passes, the day before does not', () => {
    const s = shared({ registration: { ...shared().registration!, registeredOn: '2025-11-25' } });
    expect(failedOf(declared(), s, '2026-11-25')).toEqual([]);
    expect(failedOf(declared(), s, '2026-11-24')).toEqual(['operating-one-year']);
  });

  it('rolls a 29 February registration to 1 March', () => {
    const s = shared({ registration: { ...shared().registration!, registeredOn: '2024-02-29' } });
    expect(failedOf(declared(), s, '2025-02-28')).toEqual(['operating-one-year']);
    expect(failedOf(declared(), s, '2025-03-01')).toEqual([]);
  });

  it('passes exactly 50 % domestic R&D and refuses one yuan less', () => {
    const at = (domesticYuan: number) => ({ year: 2025, domesticYuan, totalYuan: 10_000_000 });
    expect(failedOf(declared({ rdExpenses: at(5_000_000) }), shared({ rdExpenses: { creditCode: CODE, ...at(5_000_000) } }))).toEqual([]);
    expect(failedOf(declared({ rdExpenses: at(4_999_999) }), shared({ rdExpenses: { creditCode: CODE, ...at(4_999_999) } }))).toEqual(['domestic-rd-share']);
  });

  /** The domestic-R&D reason, as a reviewer reads it, for the tax bureau's figures. */
  const shareReason = (domesticYuan: number, totalYuan: number) => {
    const rd = { year: 2025, domesticYuan, totalYuan };
    const result = assessFastPath(declared({ rdExpenses: rd }), shared({ rdExpenses: { creditCode: CODE, ...rd } }), '2026-11-25');
    const criterion = result.criteria.find((c) => c.criterion === 'domestic-rd-share')!;
    return { passed: criterion.passed, reason: criterion.reason };
  };

  it.each([
    // [domestic, total, shown, passed]: never a share below 50 % shown as 50.0 %, nor one at or above it shown below
    [4_999_999, 10_000_000, '49.99999%', false],
    [5_000_000, 10_000_000, '50.0%', true],
    [4_995_000, 10_000_000, '49.95%', false],
    [4_995_001, 10_000_000, '49.95%', false],
    [4_999_500, 10_000_000, '49.995%', false],
    [4_994_999, 10_000_000, '49.9%', false],
    [5_004_000, 10_000_000, '50.0%', true],
    [5_004_999, 10_000_000, '50.0%', true],
    [5_005_000, 10_000_000, '50.1%', true],
    [1, 2, '50.0%', true],
    [1, 3, '33.3%', false],
    [2, 3, '66.7%', true],
    [4_999_999_999_999, 10_000_000_000_000, '49.99999999999%', false],
    [0, 10_000_000, '0.0%', false],
    [10_000_000, 10_000_000, '100.0%', true],
  ])('explains %i of %i yuan domestic R&D as %s, on its own side of 50 %%', (domestic, total, shown, passed) => {
    const { reason, passed: actual } = shareReason(domestic, total);
    expect(actual).toBe(passed);
    expect(reason).toContain(`的${shown}，${passed ? '不低于' : '低于'}50%`);
  });

  it('never prints a share on the wrong side of the threshold it explains, whatever the figures', () => {
    for (let total = 1; total <= 400; total += 1) {
      for (let domestic = 0; domestic <= total; domestic += 1) {
        const shown = Number(sharePercent(domestic, total, 50).replace('%', ''));
        expect([domestic, total, shown >= 50]).toEqual([domestic, total, domestic * 2 >= total]);
      }
    }
  });

  it('shows as many decimals as the closest share below 50 % needs, and no more', () => {
    // The closest a share of whole yuan up to the API's limit (10^13) comes to 50 % from below:
    // 50 − 50/(10^13 − 1) %, which rounds to 50 % up to its 10th decimal.
    expect(sharePercent(5e12 - 1, 1e13 - 1, 50)).toBe('49.99999999999%');
    expect(sharePercent(5e12 - 1, 1e13, 50)).toBe('49.99999999999%');
    expect(sharePercent(5e12, 1e13, 50)).toBe('50.0%');
  });

  it('refuses an enterprise with no R&D expenses at all', () => {
    const none = { year: 2025, domesticYuan: 0, totalYuan: 0 };
    expect(failedOf(declared({ rdExpenses: none }), shared({ rdExpenses: { creditCode: CODE, ...none } }))).toEqual(['domestic-rd-share']);
  });

  it('lists a declaration that disagrees with the tax bureau, with both values', () => {
    const result = assessFastPath(declared({ rdExpenses: { year: 2025, domesticYuan: 9_000_000, totalYuan: 10_000_000 } }), shared(), '2026-11-25');
    expect(result.eligible).toBe(false);
    expect(result.mismatches).toEqual([{ field: 'rdExpenses.domesticYuan', declared: 9_000_000, shared: 6_000_000, source: 'tax' }]);
    const failed = result.criteria.find((c) => !c.passed)!;
    expect(failed.criterion).toBe('declaration-matches');
    expect(failed.reason).toContain('北京市税务局');
  });

  it('says which department holds no record', () => {
    const result = assessFastPath(declared(), shared({ registration: null, rdExpenses: null, scale: null, zgcEnterprise: null, creditMarks: [] }), '2026-11-25');
    expect(result.criteria.filter((c) => !c.passed).map((c) => c.criterion)).toEqual([
      'beijing-enterprise',
      'priority-field',
      'production-or-rd',
      'above-designated-size',
      'operating-one-year',
      'domestic-rd-share',
    ]);
    expect(result.criteria[0].reason).toContain('市市场监管局');
  });
});
