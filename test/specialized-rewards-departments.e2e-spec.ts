import { INestApplicationContext } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import { DEMO_PHARMA } from '../apps/departments/src/specialized-rewards.demo-records';
import { CustomsActivities } from '../activities/customs.activities';
import { DEPARTMENT_REJECTED_REQUEST, DEPARTMENT_UNAVAILABLE } from '../activities/department-http.client';
import { EconomyItActivities } from '../activities/economy-it.activities';
import { FinanceActivities } from '../activities/finance.activities';
import { MedicalProductsActivities } from '../activities/medical-products.activities';
import { departments, http, uniqueCreditCode } from './support/http';
import { realActivities } from './support/workflow-env';

/**
 * The departments of 专精特新 international-registration rewards over HTTP with a signed service
 * token, and the activities that call them: 市经济和信息化局's roster, 市药品监督管理局's Beijing
 * production licences, 北京海关's export declarations, 市财政局's reward payments.
 */
let activities: INestApplicationContext;
let departmentsDb: PgClient;
beforeAll(async () => {
  activities = await realActivities();
  departmentsDb = new PgClient({ connectionString: process.env.DEPARTMENTS_DATABASE_URL });
  await departmentsDb.connect();
});
afterAll(async () => {
  await activities?.close();
  await departmentsDb?.end();
});

const unsigned = (method: string, path: string, body?: unknown) => http('departments', method, path, body);
const failureOf = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as ApplicationFailure);

describe('市经济和信息化局: the 专精特新 / 小巨人 roster', () => {
  it('answers an enterprise with every list it is on, highest first, and 404 for one on none', async () => {
    const creditCode = uniqueCreditCode();
    const put = (level: string, body: object) => departments('PUT', `/economy-it/specialized-enterprises/${creditCode}/${level}`, body);
    expect((await put('municipal-specialized-sme', { name: '北京测试医疗科技有限公司', listYear: 2022, validUntil: '2025-12-31' })).status).toBe(200);
    expect((await put('national-little-giant', { name: '北京测试医疗科技有限公司', listYear: 2024, validUntil: '2027-06-30' })).status).toBe(200);

    const found = await departments('GET', `/economy-it/specialized-enterprises/${creditCode}`);
    expect([found.status, found.body]).toEqual([
      200,
      {
        creditCode,
        name: '北京测试医疗科技有限公司',
        listings: [
          { level: 'national-little-giant', listYear: 2024, validUntil: '2027-06-30' },
          { level: 'municipal-specialized-sme', listYear: 2022, validUntil: '2025-12-31' },
        ],
      },
    ]);
    expect(await activities.get(EconomyItActivities).getSpecializedEnterprise(creditCode)).toEqual(found.body);

    const nobody = uniqueCreditCode();
    const missing = await departments('GET', `/economy-it/specialized-enterprises/${nobody}`);
    expect([missing.status, missing.body.message]).toEqual([404, '市经济和信息化局专精特新企业名单中无该企业']);
    expect(await activities.get(EconomyItActivities).getSpecializedEnterprise(nobody)).toBeNull();
  });

  it('refuses a list it does not keep and a listing ending before its year, naming the field; and any unsigned caller', async () => {
    const creditCode = uniqueCreditCode();
    const level = await departments('PUT', `/economy-it/specialized-enterprises/${creditCode}/provincial-gazelle`, { name: '北京测试科技有限公司', listYear: 2024, validUntil: '2027-06-30' });
    expect([level.status, level.body.errors]).toEqual([
      400,
      [{ field: 'level', rule: 'isIn', message: 'level 必须是 national-little-giant、municipal-little-giant、national-specialized-sme、municipal-specialized-sme 之一' }],
    ]);
    const early = await departments('PUT', `/economy-it/specialized-enterprises/${creditCode}/national-little-giant`, { name: '北京测试科技有限公司', listYear: 2024, validUntil: '2023-12-31' });
    expect([early.status, early.body.errors[0].field, early.body.errors[0].rule]).toEqual([400, 'validUntil', 'notBeforeListYear']);
    expect((await departments('GET', '/economy-it/specialized-enterprises/91110108MA01XQ4T70')).body.errors[0]).toMatchObject({ field: 'creditCode', rule: 'isCreditCode' });
    expect((await unsigned('GET', `/economy-it/specialized-enterprises/${DEMO_PHARMA.creditCode}`)).status).toBe(401);
    expect((await unsigned('PUT', `/economy-it/specialized-enterprises/${creditCode}/national-little-giant`, { name: 'x', listYear: 2024, validUntil: '2027-06-30' })).status).toBe(401);
  });
});

describe('市药品监督管理局: Beijing production licences', () => {
  const licence = (number: string, productType = 'high-end-medical-device') => ({ licenceNumber: number, productType, issuedOn: '2021-03-01', validUntil: '2030-02-28', status: 'valid' });

  it('answers the licence of one product of one holder, by its Chinese name, and 404 for a product made elsewhere', async () => {
    const creditCode = uniqueCreditCode();
    const product = '测试植入式心脏起搏器（双腔）';
    const number = `京药监械生产许${randomUUID().slice(0, 8)}号`;
    const path = `/medical-products/production-licences/${creditCode}/${encodeURIComponent(product)}`;
    expect((await departments('PUT', path, licence(number))).status).toBe(200);
    const found = await departments('GET', path);
    expect([found.status, found.body]).toEqual([
      200,
      { holderCreditCode: creditCode, productName: product, licenceNumber: number, productType: 'high-end-medical-device', issuedOn: '2021-03-01', validUntil: '2030-02-28', status: 'valid' },
    ]);
    expect(await activities.get(MedicalProductsActivities).getProductionLicence(creditCode, product)).toEqual(found.body);

    const elsewhere = await departments('GET', `/medical-products/production-licences/${creditCode}/${encodeURIComponent('测试胰岛素注射笔')}`);
    expect([elsewhere.status, elsewhere.body.message]).toEqual([404, '市药品监督管理局无该企业“测试胰岛素注射笔”的本市生产许可记录']);
    expect(await activities.get(MedicalProductsActivities).getProductionLicence(creditCode, '测试胰岛素注射笔')).toBeNull();
  });

  it('refuses an unknown product type and a licence number already used for another product', async () => {
    const creditCode = uniqueCreditCode();
    const number = `京${randomUUID().slice(0, 8)}`;
    const type = await departments('PUT', `/medical-products/production-licences/${creditCode}/${encodeURIComponent('测试片')}`, licence(number, 'cosmetic'));
    expect([type.status, type.body.errors]).toEqual([400, [{ field: 'productType', rule: 'isIn', message: 'productType 必须是 drug、high-end-medical-device 之一' }]]);
    expect((await departments('PUT', `/medical-products/production-licences/${creditCode}/${encodeURIComponent('测试片')}`, licence(number, 'drug'))).status).toBe(200);
    const reused = await departments('PUT', `/medical-products/production-licences/${creditCode}/${encodeURIComponent('测试胶囊')}`, licence(number, 'drug'));
    expect([reused.status, reused.body.message]).toEqual([409, `许可证编号 ${number} 已用于其他产品`]);
  });
});

describe('北京海关: export sales of a product into a market', () => {
  const declarationNumber = () => `01002025${String(Math.floor(Math.random() * 1e10)).padStart(10, '0')}`;

  it('sums the declarations of the product into the market, from a date if asked, and 404 where it has sold nothing', async () => {
    const creditCode = uniqueCreditCode();
    const product = '注射用测试单抗';
    const declared = [
      { declarationNumber: declarationNumber(), market: 'US', declaredOn: '2025-03-10', amountYuan: 1_200_000 },
      { declarationNumber: declarationNumber(), market: 'US', declaredOn: '2025-09-02', amountYuan: 800_000 },
      { declarationNumber: declarationNumber(), market: 'EU', declaredOn: '2025-05-20', amountYuan: 500_000 },
    ];
    for (const d of declared) {
      const { declarationNumber: number, ...rest } = d;
      expect((await departments('PUT', `/customs/export-declarations/${number}`, { creditCode, productName: product, ...rest })).status).toBe(200);
    }
    const us = await departments('GET', `/customs/export-sales/${creditCode}/US?productName=${encodeURIComponent(product)}`);
    expect([us.status, us.body]).toEqual([
      200,
      {
        creditCode,
        productName: product,
        market: 'US',
        declarations: [
          { declarationNumber: declared[0].declarationNumber, declaredOn: '2025-03-10', amountYuan: 1_200_000 },
          { declarationNumber: declared[1].declarationNumber, declaredOn: '2025-09-02', amountYuan: 800_000 },
        ],
        totalYuan: 2_000_000,
        firstDeclaredOn: '2025-03-10',
        lastDeclaredOn: '2025-09-02',
      },
    ]);
    const customs = activities.get(CustomsActivities);
    expect(await customs.getExportSales(creditCode, 'US', product)).toEqual(us.body);
    expect(await customs.getExportSales(creditCode, 'US', product, '2025-06-01')).toMatchObject({ totalYuan: 800_000, firstDeclaredOn: '2025-09-02' });

    const japan = await departments('GET', `/customs/export-sales/${creditCode}/JP?productName=${encodeURIComponent(product)}`);
    expect([japan.status, japan.body.message]).toEqual([404, '北京海关无该企业“注射用测试单抗”出口至日本的报关记录']);
    expect(await customs.getExportSales(creditCode, 'JP', product)).toBeNull();
    expect(await customs.getExportSales(creditCode, 'US', product, '2025-10-01')).toBeNull();
  });

  it('refuses a market it does not classify, a malformed declaration number, another enterprise’s declaration, and a missing product', async () => {
    const creditCode = uniqueCreditCode();
    const market = await departments('GET', `/customs/export-sales/${creditCode}/CN?productName=x`);
    expect([market.status, market.body.errors]).toEqual([400, [{ field: 'market', rule: 'isIn', message: 'market 必须是 US、EU、JP、OTHER 之一' }]]);
    const noProduct = await departments('GET', `/customs/export-sales/${creditCode}/US`);
    expect([noProduct.status, [...new Set(noProduct.body.errors.map((e: any) => e.field))]]).toEqual([400, ['productName']]);
    const body = { creditCode, productName: '测试片', market: 'EU', declaredOn: '2025-05-20', amountYuan: 100 };
    const number = await departments('PUT', '/customs/export-declarations/2025-001', body);
    expect([number.status, number.body.errors]).toEqual([400, [{ field: 'declarationNumber', rule: 'matches', message: 'declarationNumber 必须是 18 位数字的报关单号' }]]);
    const mine = declarationNumber();
    expect((await departments('PUT', `/customs/export-declarations/${mine}`, body)).status).toBe(200);
    const theirs = await departments('PUT', `/customs/export-declarations/${mine}`, { ...body, creditCode: uniqueCreditCode() });
    expect([theirs.status, theirs.body.message]).toEqual([409, `报关单 ${mine} 属于其他企业`]);
  });

  it('is retried by the activity while it fails: the failure is DepartmentUnavailable', async () => {
    const creditCode = uniqueCreditCode();
    expect((await departments('POST', '/dev/faults', { department: 'customs', count: 1, status: 503, creditCode })).status).toBe(204);
    const failure = await failureOf(activities.get(CustomsActivities).getExportSales(creditCode, 'US', '测试片'));
    expect([failure?.type, failure?.nonRetryable]).toEqual([DEPARTMENT_UNAVAILABLE, false]);
    expect(await activities.get(CustomsActivities).getExportSales(creditCode, 'US', '测试片')).toBeNull();
  });
});

describe('市财政局: reward payments', () => {
  const paymentFor = (caseId: string, creditCode: string, amountYuan = 2_000_000) => ({
    caseId,
    decisionId: 'approve-1',
    creditCode,
    enterpriseName: '北京测试生物医药有限公司',
    amountYuan,
    basis: '《北京市关于促进"专精特新"中小企业高质量发展的若干措施》第12条',
  });

  it('pays once per case and decision, however many times and however concurrently it is asked', async () => {
    const creditCode = uniqueCreditCode();
    const caseId = `specialized-rewards-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => departments('POST', '/finance/reward-payments', paymentFor(caseId, creditCode))));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const [paid] = answers.map((a) => a.body);
    expect(paid).toMatchObject({ caseId, decisionId: 'approve-1', creditCode, amountYuan: 2_000_000, number: expect.stringMatching(/^CZJL\d{10}$/) });
    expect(new Set(answers.map((a) => a.body.number)).size).toBe(1);
    expect(await activities.get(FinanceActivities).payReward(paymentFor(caseId, creditCode))).toEqual(paid);
    expect((await departmentsDb.query('SELECT number FROM finance.reward_payments WHERE case_id = $1', [caseId])).rows).toEqual([{ number: paid.number }]);
    expect((await departments('GET', `/finance/reward-payments/${paid.number}`)).body).toEqual(paid);
    expect((await departments('GET', `/finance/reward-payments?creditCode=${creditCode}`)).body).toEqual([paid]);
    // Another decision of the case (a second reward after a correction, say) is another payment.
    const second = await departments('POST', '/finance/reward-payments', { ...paymentFor(caseId, creditCode), decisionId: 'approve-2' });
    expect(second.body.number).not.toBe(paid.number);
  });

  it('refuses to pay the same case and decision another amount (409, not retried) and more than a year’s ceiling (400)', async () => {
    const creditCode = uniqueCreditCode();
    const caseId = `specialized-rewards-${randomUUID()}`;
    const paid = (await departments('POST', '/finance/reward-payments', paymentFor(caseId, creditCode))).body;
    const other = await departments('POST', '/finance/reward-payments', paymentFor(caseId, creditCode, 1_000_000));
    expect([other.status, other.body.message]).toEqual([409, `本案该决定已拨付 2000000 元给 ${creditCode}（${paid.number}），不能改为 1000000 元给 ${creditCode}`]);
    const failure = await failureOf(activities.get(FinanceActivities).payReward(paymentFor(caseId, creditCode, 1_000_000)));
    expect([failure?.type, failure?.nonRetryable]).toEqual([DEPARTMENT_REJECTED_REQUEST, true]);
    const tooMuch = await departments('POST', '/finance/reward-payments', paymentFor(`specialized-rewards-${randomUUID()}`, creditCode, 10_000_001));
    expect([tooMuch.status, tooMuch.body.errors]).toEqual([400, [{ field: 'amountYuan', rule: 'max', message: 'amountYuan 不能超过 10000000（单个企业年奖励额上限）' }]]);
    expect((await unsigned('POST', '/finance/reward-payments', paymentFor(`forged-${randomUUID()}`, creditCode))).status).toBe(401);
    expect((await departments('GET', '/finance/reward-payments/CZJL2026000000')).status).toBe(404);
  });
});

describe('the demo enterprise', () => {
  it('is a national 小巨人 with products licensed in Beijing and sold in their markets, one made elsewhere, one not yet sold', async () => {
    const { creditCode } = DEMO_PHARMA;
    const roster = await activities.get(EconomyItActivities).getSpecializedEnterprise(creditCode);
    expect(roster?.listings[0]).toMatchObject({ level: 'national-little-giant' });
    const licensed = await Promise.all(DEMO_PHARMA.products.map((p) => activities.get(MedicalProductsActivities).getProductionLicence(creditCode, p.name)));
    const sold = await Promise.all(DEMO_PHARMA.products.map((p) => activities.get(CustomsActivities).getExportSales(creditCode, p.market, p.name)));
    const eligible = DEMO_PHARMA.products.filter((_, i) => licensed[i] && sold[i]);
    expect(eligible).toHaveLength(6);
    expect(DEMO_PHARMA.products.filter((_, i) => !licensed[i]).map((p) => p.name)).toEqual(['康华胰岛素注射笔']);
    expect(DEMO_PHARMA.products.filter((_, i) => !sold[i]).map((p) => p.name)).toEqual(['康华缓释胶囊']);
  });
});
