import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { talentApplication } from '../../../infra/talent-application';
import { TALENT_PERMITS, TalentApplicationDto } from './talent-permits-application.dto';
import { flattenValidationErrors } from '../../dto/validators';

/** The fields the API would name in its 400 for this talent, filed on `today` (Beijing). */
function refusedFields(today: string, talent: { dateOfBirth?: string; passportExpiry?: string }): string[] {
  jest.useFakeTimers({ now: new Date(`${today}T04:00:00Z`), doNotFake: ['nextTick', 'setImmediate'] });
  try {
    const dto = plainToInstance(TalentApplicationDto, talentApplication({ creditCode: '91110108MA01XQ4T72', name: '北京芯算科技有限公司' }, talent));
    return flattenValidationErrors(validateSync(dto)).map((e) => e.field);
  } finally {
    jest.useRealTimers();
  }
}

describe('a talent’s age and passport, counted on the calendar as the message says', () => {
  it('takes a talent on the 18th birthday, when only four leap days lie in between', () => {
    expect(refusedFields('2024-01-01', { dateOfBirth: '2006-01-01' })).toEqual([]);
    expect(refusedFields('2023-12-31', { dateOfBirth: '2006-01-01' })).toEqual(['talent.dateOfBirth']);
  });

  it('takes a talent of 70 until the 71st birthday', () => {
    expect(refusedFields('2026-06-14', { dateOfBirth: '1955-06-15' })).toEqual([]);
    expect(refusedFields('2026-06-15', { dateOfBirth: '1955-06-15' })).toEqual(['talent.dateOfBirth']);
  });

  it('takes a passport expiring six calendar months from today, even when that is 181 days', () => {
    expect(refusedFields('2026-01-31', { passportExpiry: '2026-07-31' })).toEqual([]);
    expect(refusedFields('2026-01-31', { passportExpiry: '2026-07-30' })).toEqual(['talent.passportExpiry']);
  });
});

describe('a passport number typed in lower case', () => {
  it('is taken in capitals, as the passport prints it', () => {
    const application = talentApplication({ creditCode: '91110108MA01XQ4T72', name: '北京芯算科技有限公司' }, { passportNumber: 'c4xk29t71' });
    const dto = plainToInstance(TalentApplicationDto, application);
    expect([dto.talent.passportNumber, flattenValidationErrors(validateSync(dto))]).toEqual(['C4XK29T71', []]);
  });

  it('is still refused when it is not 6–12 letters and digits, naming 护照号码', () => {
    const dto = plainToInstance(TalentApplicationDto, talentApplication({ creditCode: '91110108MA01XQ4T72', name: '北京芯算科技有限公司' }, { passportNumber: 'c4-xk' }));
    expect(flattenValidationErrors(validateSync(dto)).map((e) => [e.field, e.message])).toEqual([['talent.passportNumber', '护照号码必须是 6–12 位字母和数字']]);
  });
});

describe('the talent’s nationality', () => {
  const employer = { creditCode: '91110108MA01XQ4T72', name: '北京芯算科技有限公司' };
  const refusals = (nationality: string) => flattenValidationErrors(validateSync(plainToInstance(TalentApplicationDto, talentApplication(employer, { nationality })))).map((e) => e.message);

  it('is any foreign country as its passport writes it, typed in either case', () => {
    expect([refusals('DEU'), refusals('sgp')]).toEqual([[], []]);
  });

  it('is not China, nor Hong Kong, Macao or Taiwan, and is a real country', () => {
    for (const code of ['CHN', 'HKG', 'MAC', 'TWN']) expect(refusals(code)).toEqual(['国籍必须是外国国籍（两证联办仅适用于外籍人才）']);
    expect(refusals('XYZ')).toEqual([expect.stringContaining('国籍')]);
  });

  it('is offered in the form as a list of countries, without the ones ruled out', () => {
    const form = TALENT_PERMITS.form() as { $defs: Record<string, { properties: Record<string, { enum?: string[]; not?: { enum?: string[] } }> }> };
    const nationality = form.$defs.ForeignTalentDto.properties.nationality;
    expect(nationality.enum).toEqual(expect.arrayContaining(['DEU', 'USA', 'SGP']));
    expect(nationality.not?.enum).toEqual(['CHN', 'HKG', 'MAC', 'TWN']);
  });
});
