import { ApplicationFailure } from '@temporalio/common';
import { inspect } from 'node:util';
import { maskPersonalData, maskPersonalDataIn } from './personal-data-mask';

const PASSPORT = 'C4XK29T71';
const ID = '110105199003071234';

describe('maskPersonalData on log lines', () => {
  it('masks a passport number in a JSON body echoed in an activity failure message', () => {
    const body = JSON.stringify({ caseId: 'talent-permits-1', holderName: 'Anna Schmidt', passportNumber: PASSPORT, nationality: 'DEU', employerCreditCode: '91110108MA01XQ4T72' });
    const line = `市人社局 refused the request (400): ${body}`;
    expect(maskPersonalData(line)).toBe(line.replace(PASSPORT, 'C4****71'));
  });

  it('masks it in JSON escaped inside JSON (a failure serialised into a structured log)', () => {
    const line = JSON.stringify({ message: `refused: ${JSON.stringify({ passportNumber: PASSPORT })}` });
    expect(line).toContain('\\"passportNumber\\":\\"C4XK29T71\\"');
    expect(maskPersonalData(line)).toContain('\\"passportNumber\\":\\"C4****71\\"');
    expect(maskPersonalData(line)).not.toContain(PASSPORT);
  });

  it('masks key=value and key: value metadata, in any spelling of the field', () => {
    expect(maskPersonalData(`issuing permit caseId=talent-1 passportNumber=${PASSPORT} category=A`)).toBe('issuing permit caseId=talent-1 passportNumber=C4****71 category=A');
    expect(maskPersonalData(`holder passport: ${PASSPORT}`)).toBe('holder passport: C4****71');
    expect(maskPersonalData(`{ passport_number: '${PASSPORT}' }`)).toBe(`{ passport_number: 'C4****71' }`);
    expect(maskPersonalData(`id_card_number=${ID}&idNumber=E12345678`)).toBe('id_card_number=11****34&idNumber=E1****78');
    expect(maskPersonalData(`护照号码：${PASSPORT}`)).toBe('护照号码：C4****71');
    expect(maskPersonalData(`身份证号=${ID}`)).toBe('身份证号=11****34');
  });

  it('masks an 18-character resident ID number anywhere in text, X check character included', () => {
    expect(maskPersonalData(`法定代表人 ${ID} 已核验`)).toBe('法定代表人 11****34 已核验');
    expect(maskPersonalData('holder 11010519900307123X, renewed')).toBe('holder 11****3X, renewed');
  });

  it('leaves credit codes, certificate and permit numbers, dates and other ids readable', () => {
    const line =
      'case high-tech-demo-chip-2025-001 creditCode=91110108MA01XQ4T72 certificate GR20261100001 work permit WP2026000001 ' +
      'passportExpiry=2034-06-30 document passport-copy taskId=1049625 eventTime=2026-11-25T08:46:20.565849185Z nanos 1764060380565849185 phone 13800000000';
    expect(maskPersonalData(line)).toBe(line);
  });
});

describe('maskPersonalDataIn on log arguments and metadata', () => {
  it('masks named fields in objects and text in nested strings, without touching the original', () => {
    const meta = { caseId: 'talent-1', request: { holderName: 'Anna', passportNumber: PASSPORT, idCardNo: 110105199003071 }, note: `ID ${ID}`, [Symbol.for('log_timestamp')]: 1n };
    const masked = maskPersonalDataIn(meta);
    expect(masked).toEqual({ caseId: 'talent-1', request: { holderName: 'Anna', passportNumber: 'C4****71', idCardNo: '11****71' }, note: 'ID 11****34', [Symbol.for('log_timestamp')]: 1n });
    expect(meta.request.passportNumber).toBe(PASSPORT);
  });

  it('copies an activity failure as an error, message, stack and details masked, printing like the original', () => {
    const body = JSON.stringify({ passportNumber: PASSPORT });
    const error = ApplicationFailure.retryable(`市公安局 answered 503: ${body}`, 'DepartmentUnavailable', { department: 'public-security', body });
    const masked = maskPersonalDataIn({ error }).error;

    expect(masked).toBeInstanceOf(ApplicationFailure);
    expect(masked.type).toBe('DepartmentUnavailable');
    const printed = inspect(masked);
    expect(printed).toContain('ApplicationFailure: 市公安局 answered 503: {"passportNumber":"C4****71"}');
    expect(printed).toContain('DepartmentUnavailable');
    expect(printed).not.toContain(PASSPORT);
    expect(inspect(error)).toContain(PASSPORT);
  });

  it('survives cycles and logs other class instances as their masked inspection', () => {
    const node: Record<string, unknown> = { passportNumber: PASSPORT };
    node.self = node;
    const masked = maskPersonalDataIn(node);
    expect(masked.self).toBe(masked);
    expect(maskPersonalDataIn(new URL(`https://example.test/permits?passportNumber=${PASSPORT}`))).toContain('passportNumber=C4****71');
  });
});
