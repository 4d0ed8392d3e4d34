import { DataSource } from 'typeorm';
import { beijingDate, withCheckChar } from '../../../libs/domain';
import type { ExportMarket, ProductType, SpecializedLevel } from '../../../libs/processes/specialized-rewards/department-records';
import { ExportDeclarationRow } from './customs/export-declaration.entity';
import { SpecializedListingRow } from './economy-it/specialized-listing.entity';
import { Registration } from './market-supervision/registration.entity';
import { ProductionLicence } from './medical-products/production-licence.entity';

const thisYear = Number(beijingDate(new Date()).slice(0, 4));
/** Days before today, so the demo's sales stay recent whatever the date. */
const daysAgo = (days: number) => beijingDate(new Date(Date.now() - days * 86_400_000));

interface DemoProduct {
  name: string;
  type: ProductType;
  /** Its Beijing production licence; none: produced elsewhere, so not rewarded. */
  licence?: string;
  /** The market its foreign registration opens, and whether 北京海关 has seen sales there. */
  market: ExportMarket;
  exported: boolean;
}

/**
 * For 专精特新 international-registration rewards: a national 小巨人 with eight products. Six are
 * produced in Beijing under licence and sold in their market (five of them fill the 1000万元
 * ceiling, the sixth meets it); one is produced elsewhere, one has no sales there yet.
 */
export const DEMO_PHARMA = {
  creditCode: withCheckChar('91110114MA04KH6R2'),
  name: '北京康华生物医药有限公司',
  listings: [
    { level: 'national-little-giant' as SpecializedLevel, listYear: thisYear - 1, validUntil: `${thisYear + 2}-06-30` },
    { level: 'municipal-specialized-sme' as SpecializedLevel, listYear: thisYear - 3, validUntil: `${thisYear}-12-31` },
  ],
  products: [
    { name: '注射用康华单抗', type: 'drug', licence: '京20210031', market: 'US', exported: true },
    { name: '康华替尼片', type: 'drug', licence: '京20210032', market: 'EU', exported: true },
    { name: '康华植入式心脏起搏器', type: 'high-end-medical-device', licence: '京药监械生产许20210045号', market: 'JP', exported: true },
    { name: '康华药物洗脱冠脉支架', type: 'high-end-medical-device', licence: '京药监械生产许20210046号', market: 'US', exported: true },
    { name: '康华口服轮状病毒疫苗', type: 'drug', licence: '京20220007', market: 'OTHER', exported: true },
    { name: '康华人工耳蜗', type: 'high-end-medical-device', licence: '京药监械生产许20220013号', market: 'EU', exported: true },
    { name: '康华胰岛素注射笔', type: 'high-end-medical-device', market: 'US', exported: true },
    { name: '康华缓释胶囊', type: 'drug', licence: '京20230011', market: 'JP', exported: false },
  ] as DemoProduct[],
};

/**
 * The demo's export declarations of its i-th product (two, when it is exported): numbers fixed per
 * product, so a restart saves the same rows and the demo's applicant can cite them.
 */
export function demoDeclarationNumbers(productIndex: number): string[] {
  return [0, 1].map((j) => `010020250${String(4200 + productIndex * 10 + j).padStart(9, '0')}`);
}

export async function loadSpecializedRewardsDemoRecords(dataSource: DataSource): Promise<void> {
  const { creditCode, name } = DEMO_PHARMA;
  await dataSource.getRepository(Registration).save({ creditCode, name, registeredOn: '2012-09-06', province: '北京市', district: '昌平区', businessType: 'production' });
  await dataSource.getRepository(SpecializedListingRow).save(DEMO_PHARMA.listings.map((l) => ({ creditCode, name, ...l })));
  const licences = DEMO_PHARMA.products.filter((p) => p.licence);
  await dataSource.getRepository(ProductionLicence).save(
    licences.map((p) => ({
      holderCreditCode: creditCode,
      productName: p.name,
      licenceNumber: p.licence!,
      productType: p.type,
      issuedOn: '2021-03-01',
      validUntil: `${thisYear + 3}-02-28`,
      status: 'valid' as const,
    })),
  );
  const declarations = DEMO_PHARMA.products.flatMap((p, i) =>
    p.exported
      ? demoDeclarationNumbers(i).map((declarationNumber, j) => ({
          declarationNumber,
          creditCode,
          productName: p.name,
          market: p.market,
          declaredOn: daysAgo(200 - 90 * j),
          amountYuan: 1_250_000 + 350_000 * i + 100_000 * j,
        }))
      : [],
  );
  await dataSource.getRepository(ExportDeclarationRow).save(declarations);
}
