import { yuanText } from '../../domain/money';
import type {
  CommitAnswer,
  CommitRequest,
  LedgerEntry,
  ReleaseAnswer,
  ReleaseRequest,
  ReserveAnswer,
  ReserveRequest,
  RewardLedgerView,
} from './ledger.contract';

/**
 * The arithmetic of one enterprise's yearly reward ceiling, pure: no Temporal, no clock (the
 * caller passes the time). The ledger workflow checks a request with `refusal…` in its update's
 * validator (a refused request leaves no trace in the history) and applies it with the method of
 * the same name. Each method is idempotent per case: a case's second reserve, release or commit
 * returns its first answer and changes nothing.
 */

/** Why a request cannot be applied at all; the workflow raises it as an ApplicationFailure of this type. */
export interface LedgerRefusal {
  type: 'InvalidInput' | 'InvalidState' | 'NotFound';
  message: string;
}

export interface LedgerIdentity {
  creditCode: string;
  year: number;
  ceilingYuan: number;
}

/** Yuan as reviewers write them: whole 万元 as 万元, anything else to the yuan (never rounded). */

const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.trim() !== '' && value.length <= max;

export class RewardCeilingBook {
  private readonly byCase = new Map<string, LedgerEntry>();

  constructor(
    readonly ledger: LedgerIdentity,
    entries: LedgerEntry[] = [],
  ) {
    for (const entry of entries) this.byCase.set(entry.caseId, entry);
  }

  /** Reserved or paid this year: what counts against the ceiling. */
  get heldYuan(): number {
    let held = 0;
    for (const e of this.byCase.values()) held += e.heldYuan;
    return held;
  }

  get committedYuan(): number {
    let committed = 0;
    for (const e of this.byCase.values()) if (e.status === 'committed') committed += e.heldYuan;
    return committed;
  }

  get availableYuan(): number {
    return this.ledger.ceilingYuan - this.heldYuan;
  }

  /** Reservations neither paid nor released: a ledger with any cannot close. */
  get openReservations(): number {
    let open = 0;
    for (const e of this.byCase.values()) if (e.status === 'reserved') open += 1;
    return open;
  }

  entries(): LedgerEntry[] {
    return [...this.byCase.values()];
  }

  entry(caseId: string): LedgerEntry | undefined {
    return this.byCase.get(caseId);
  }

  view(closesOn: string, generation: number): RewardLedgerView {
    const { creditCode, year, ceilingYuan } = this.ledger;
    const committedYuan = this.committedYuan;
    return {
      creditCode,
      year,
      ceilingYuan,
      reservedYuan: this.heldYuan - committedYuan,
      committedYuan,
      availableYuan: this.availableYuan,
      closesOn,
      generation,
      entries: this.entries(),
    };
  }

  refusalToReserve(request: ReserveRequest): LedgerRefusal | undefined {
    const addressed = this.misaddressed(request);
    if (addressed) return addressed;
    const { ceilingYuan } = this.ledger;
    const amount = request.requestedYuan;
    if (!Number.isSafeInteger(amount) || amount < 1 || amount > ceilingYuan) {
      return { type: 'InvalidInput', message: `requestedYuan 必须是 1 到 ${ceilingYuan} 之间的整数（元）` };
    }
    const entry = this.byCase.get(request.caseId);
    if (entry?.status === 'released') {
      return { type: 'InvalidState', message: `本案预留的奖励额度已于 ${entry.release!.at} 释放，不能再次预留` };
    }
    return undefined;
  }

  reserve(request: ReserveRequest, at: string): ReserveAnswer {
    const known = this.byCase.get(request.caseId);
    if (known) return known.reserve;
    const { ceilingYuan } = this.ledger;
    const heldBeforeYuan = this.heldYuan;
    const left = Math.max(0, ceilingYuan - heldBeforeYuan);
    const grantedYuan = Math.min(request.requestedYuan, left);
    const outcome = grantedYuan === 0 ? 'refused' : grantedYuan < request.requestedYuan ? 'partial' : 'granted';
    const year = `${this.ledger.year}年度`;
    const cap = `单个企业年奖励额不超过${yuanText(ceilingYuan)}`;
    const reason =
      outcome === 'granted'
        ? `核定奖励${yuanText(grantedYuan)}；${year}已核定${yuanText(heldBeforeYuan + grantedYuan)}，尚余${yuanText(left - grantedYuan)}（${cap}）`
        : outcome === 'partial'
          ? `${year}已核定${yuanText(heldBeforeYuan)}，仅余${yuanText(left)}，按年度上限核定奖励${yuanText(grantedYuan)}（申请${yuanText(request.requestedYuan)}；${cap}）`
          : `${year}已核定${yuanText(heldBeforeYuan)}，已达年度上限，不予奖励（${cap}）`;
    const answer: ReserveAnswer = {
      caseId: request.caseId,
      decisionId: request.decisionId,
      requestedYuan: request.requestedYuan,
      grantedYuan,
      outcome,
      reason,
      ceilingYuan,
      heldBeforeYuan,
      remainingYuan: left - grantedYuan,
      at,
    };
    this.byCase.set(request.caseId, { caseId: request.caseId, status: outcome === 'refused' ? 'refused' : 'reserved', heldYuan: grantedYuan, reserve: answer });
    return answer;
  }

  refusalToRelease(request: ReleaseRequest): LedgerRefusal | undefined {
    const addressed = this.misaddressed(request);
    if (addressed) return addressed;
    if (!isText(request.reason, 4000)) return { type: 'InvalidInput', message: 'reason 不能为空' };
    const entry = this.byCase.get(request.caseId);
    if (entry?.status === 'committed') {
      return { type: 'InvalidState', message: `本案奖励已拨付（${entry.commit!.paymentNumber}），额度不能释放` };
    }
    return undefined;
  }

  release(request: ReleaseRequest, at: string): ReleaseAnswer {
    const entry = this.byCase.get(request.caseId);
    if (entry?.release) return entry.release;
    const freedYuan = entry?.status === 'reserved' ? entry.heldYuan : 0;
    const answer: ReleaseAnswer = {
      caseId: request.caseId,
      decisionId: request.decisionId,
      freedYuan,
      outcome: freedYuan > 0 ? 'released' : 'nothing-reserved',
      reason: freedYuan > 0 ? `释放本案预留的奖励额度${yuanText(freedYuan)}（${request.reason}）` : `本案未占用奖励额度（${request.reason}）`,
      remainingYuan: this.availableYuan + freedYuan,
      at,
    };
    // A case that held nothing is not written down: it may still never have reserved at all.
    if (entry && freedYuan > 0) this.byCase.set(request.caseId, { ...entry, status: 'released', heldYuan: 0, release: answer });
    return answer;
  }

  refusalToCommit(request: CommitRequest): LedgerRefusal | undefined {
    const addressed = this.misaddressed(request);
    if (addressed) return addressed;
    if (!isText(request.paymentNumber, 32)) return { type: 'InvalidInput', message: 'paymentNumber 不能为空' };
    const entry = this.byCase.get(request.caseId);
    if (!entry) return { type: 'NotFound', message: `本案在${this.ledger.year}年度奖励额度账中没有预留` };
    if (entry.status === 'refused') return { type: 'InvalidState', message: '本案未核定奖励额度，不能拨付' };
    if (entry.status === 'released') return { type: 'InvalidState', message: `本案预留的奖励额度已于 ${entry.release!.at} 释放，不能拨付` };
    return undefined;
  }

  commit(request: CommitRequest, at: string): CommitAnswer {
    const entry = this.byCase.get(request.caseId)!;
    if (entry.commit) return entry.commit;
    const answer: CommitAnswer = { caseId: request.caseId, decisionId: request.decisionId, committedYuan: entry.heldYuan, paymentNumber: request.paymentNumber, at };
    this.byCase.set(request.caseId, { ...entry, status: 'committed', commit: answer });
    return answer;
  }

  private misaddressed(request: { caseId: string; decisionId: string; creditCode: string; year: number }): LedgerRefusal | undefined {
    if (!isText(request.caseId)) return { type: 'InvalidInput', message: 'caseId 必须是 1 到 200 个字符' };
    if (!isText(request.decisionId)) return { type: 'InvalidInput', message: 'decisionId 必须是 1 到 200 个字符' };
    const { creditCode, year } = this.ledger;
    if (request.creditCode !== creditCode || request.year !== year) {
      return { type: 'InvalidInput', message: `本奖励额度账属于 ${creditCode} 的${year}年度，不受理 ${String(request.creditCode)} 的${String(request.year)}年度` };
    }
    return undefined;
  }
}
