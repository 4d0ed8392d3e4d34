import 'reflect-metadata';
import { ObjectionDto, ScoreDto } from '../dto/case-engine.dto';
import { HIGH_TECH_CONTRACT } from './high-tech/high-tech.contract';
import { HighTechApplicationDto } from './high-tech/high-tech-application.dto';
import { defineProcess } from './define-process';
import { collectActions } from './registry';

/** A process's actions are bound to their DTOs where it is defined; mistakes stop the registry from loading. */
describe('defineProcess and the actions it binds', () => {
  it('refuses an action without a DTO, and a DTO for no action', () => {
    expect(() => defineProcess(HIGH_TECH_CONTRACT, HighTechApplicationDto, { score: ScoreDto })).toThrow('high-tech: action objections has no DTO');
    expect(() => defineProcess(HIGH_TECH_CONTRACT, HighTechApplicationDto, { objections: ObjectionDto, score: ScoreDto, stamp: ScoreDto })).toThrow('actions its contract does not declare: stamp');
  });

  it('refuses two processes declaring one action name differently, since the API routes by the name alone', () => {
    const one = defineProcess(HIGH_TECH_CONTRACT, HighTechApplicationDto, { objections: ObjectionDto, score: ScoreDto });
    const other = defineProcess({ ...HIGH_TECH_CONTRACT, code: 'other', actions: HIGH_TECH_CONTRACT.actions.map((a) => (a.action === 'score' ? { ...a, roles: ['agency'] as const } : a)) }, HighTechApplicationDto, { objections: ObjectionDto, score: ScoreDto });
    expect(() => collectActions([one, other])).toThrow('action score: other declares it differently from high-tech');
    expect(collectActions([one, { ...one, code: 'same' }]).get('objections')?.processes.map((p) => p.code)).toEqual(['high-tech', 'same']);
  });
});
