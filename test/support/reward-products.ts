import { randomInt } from 'node:crypto';
import { beijingDate } from '../../libs/domain';
import type { SpecializedRewardApplication } from '../../libs/processes/specialized-rewards/specialized-rewards.contract';
import { departments, uniqueCreditCode } from './http';

/** A day `days` before today (Beijing), so registrations and sales stay recent whatever the date. */
export const daysAgo = (days: number): string => beijingDate(new Date(Date.now() - days * 86_400_000));

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

export interface RewardProduct {
  name: string;
  type?: 'drug' | 'high-end-medical-device';
  agency?: SpecializedRewardApplication['registration']['agency'];
  /** Registered this many days ago (300: well within two years). */
  registeredDaysAgo?: number;
  /** A Beijing production licence (市药品监督管理局). */
  licensed?: boolean;
  /** Export declarations into the registration's market since it (北京海关). */
  exported?: boolean;
}

export interface RewardEnterprise {
  creditCode: string;
  name: string;
  /** Each product's application, ready to file. */
  applications: SpecializedRewardApplication[];
}

const MARKET = { FDA: 'US', EMA: 'EU', PMDA: 'JP', 'WHO-PQ': 'OTHER' } as const;

/**
 * An enterprise loaded into the departments' services as a test needs it: on 市经信局's 小巨人
 * list (or not), and for each product its licence and two export declarations (or not). The
 * applications cite the declarations 北京海关 holds (or, without any, one it does not).
 */
export async function loadRewardEnterprise(products: RewardProduct[], options: { listed?: boolean } = {}): Promise<RewardEnterprise> {
  const creditCode = uniqueCreditCode();
  const name = `北京测试${digits(4)}生物医药有限公司`;
  const ok = async (path: string, body: unknown) => {
    // A PUT of the same record is safe to repeat: once more if a kept-alive connection was reset under us.
    const answer = await departments('PUT', path, body).catch(() => departments('PUT', path, body));
    if (answer.status !== 200) throw new Error(`PUT ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
  };
  const year = Number(daysAgo(0).slice(0, 4));
  if (options.listed ?? true) await ok(`/economy-it/specialized-enterprises/${creditCode}/national-little-giant`, { name, listYear: year - 1, validUntil: `${year + 2}-06-30` });
  const applications: SpecializedRewardApplication[] = [];
  for (const p of products) {
    const type = p.type ?? 'drug';
    const agency = p.agency ?? 'FDA';
    const registeredOn = daysAgo(p.registeredDaysAgo ?? 300);
    const product = encodeURIComponent(p.name);
    if (p.licensed ?? true) {
      await ok(`/medical-products/production-licences/${creditCode}/${product}`, { licenceNumber: `京T${digits(10)}`, productType: type, issuedOn: '2021-03-01', validUntil: `${year + 3}-02-28`, status: 'valid' });
    }
    const declarations = p.exported ?? true ? [digits(18), digits(18)] : [];
    for (const [i, number] of declarations.entries()) {
      await ok(`/customs/export-declarations/${number}`, { creditCode, productName: p.name, market: MARKET[agency], declaredOn: daysAgo(200 - 90 * i), amountYuan: 1_250_000 + 100_000 * i });
    }
    applications.push({
      creditCode,
      enterpriseName: name,
      product: { name: p.name, type },
      registration: { agency, number: `BLA ${digits(6)}`, registeredOn },
      exportDeclarations: declarations.length ? declarations : [digits(18)],
    });
  }
  return { creditCode, name, applications };
}
