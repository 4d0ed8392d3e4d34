import type { ServiceTokenSigner } from '../../libs/auth/service-token';
import { withCheckChar } from '../../libs/domain';
import type { CasePath, Enterprise } from './bench-drivers';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Eight at a time: the departments keep up, and a thousand enterprises take seconds, not a minute. */
async function inBatches<T, R>(items: T[], load: (item: T) => Promise<R>): Promise<R[]> {
  const done: R[] = [];
  for (let i = 0; i < items.length; i += 8) done.push(...(await Promise.all(items.slice(i, i + 8).map(load))));
  return done;
}

const creditCode = (i: number, prefix: string) => withCheckChar(`91110108${prefix}${String(i).padStart(8, '0').split('').map((d) => ALPHABET[Number(d)]).join('')}`);

/**
 * The enterprises the bench files for, loaded into the departments through their dev endpoints
 * (registration, R&D expenses, scale, 中关村 database): eligible ones for the fast path, 12 %
 * domestic R&D for the normal path.
 *
 * RAW starts workflows straight through Temporal, past the API's filing rules, and cycles
 * through a fixed set. FULL files through the API, which certifies an enterprise once and then
 * refuses it (one open case per enterprise; no new certification while its certificate is
 * valid), so every FULL case takes an enterprise of its own: seeded before the blocks and
 * topped up between them, where seeding costs no measured time.
 */
export class BenchEnterprises {
  private readonly raw: Record<CasePath, Enterprise[]> = { fast: [], normal: [] };
  private readonly fresh: Record<CasePath, Enterprise[]> = { fast: [], normal: [] };
  private nextFresh = 0;
  private rawSeq = 0;
  /** FULL cases that found the fresh pool empty and seeded their enterprise inside a block. */
  seededInBlock = 0;

  constructor(
    private readonly departmentsUrl: string,
    private readonly size: number,
    /** The departments answer only signed calls: the bench signs as a service of its own. */
    private readonly caller: ServiceTokenSigner,
  ) {}

  async seed(): Promise<void> {
    for (const path of ['fast', 'normal'] as const) {
      const all = Array.from({ length: this.size }, (_, i) => ({ creditCode: creditCode(i, path === 'fast' ? 'F' : 'N'), name: `北京基准测试${path}${i}科技有限公司` }));
      await inBatches(all, (e) => this.load(path, e));
      this.raw[path].push(...all);
    }
    await this.topUp(this.size);
  }

  /** Fills each path's FULL pool up to `count` unused enterprises. */
  async topUp(count: number): Promise<void> {
    for (const path of ['fast', 'normal'] as const) {
      const missing = Math.max(0, count - this.fresh[path].length);
      this.fresh[path].push(...(await inBatches(Array.from({ length: missing }), () => this.newEnterprise(path))));
    }
  }

  forRaw(path: CasePath): Enterprise {
    this.rawSeq += 1;
    return this.raw[path][this.rawSeq % this.raw[path].length];
  }

  /** An enterprise no FULL case has filed for. */
  async forFull(path: CasePath): Promise<Enterprise> {
    const e = this.fresh[path].shift();
    if (e) return e;
    this.seededInBlock += 1;
    return this.newEnterprise(path);
  }

  private async newEnterprise(path: CasePath): Promise<Enterprise> {
    this.nextFresh += 1;
    const e = { creditCode: creditCode(this.nextFresh, path === 'fast' ? 'P' : 'Q'), name: `北京基准测试${path}新${this.nextFresh}科技有限公司` };
    await this.load(path, e);
    return e;
  }

  private async load(path: CasePath, e: Enterprise): Promise<void> {
    const put = (p: string, body: unknown) =>
      fetch(`${this.departmentsUrl}${p}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...this.caller.headers() }, body: JSON.stringify(body) }).then((r) => {
        if (!r.ok) throw new Error(`seeding ${p} → ${r.status}`);
      });
    await Promise.all([
      put(`/market-supervision/registrations/${e.creditCode}`, { name: e.name, registeredOn: '2018-05-20', province: '北京市', district: '海淀区', businessType: 'production' }),
      put(`/tax/rd-expenses/${e.creditCode}/2025`, { domesticYuan: path === 'fast' ? 6_000_000 : 1_200_000, totalYuan: 10_000_000 }),
      put(`/statistics/enterprise-scale/${e.creditCode}/2025`, { aboveDesignatedSize: true }),
      put(`/zgc/enterprises/${e.creditCode}`, { name: e.name, techField: 'integrated-circuits' }),
    ]);
  }
}
