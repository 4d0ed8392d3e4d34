import { COMPLIANCE_DEPARTMENTS, DEPARTMENTS } from '../domain';
import { type IssuedDocument, chineseDate, documentFieldLabel, documentValue, layoutDocument, verifyUrlFor } from './document-layout';

const context = { enterpriseName: '北京芯算科技有限公司', creditCode: '91110108MA01ABCDE1', kindName: '高新技术企业证书', legalBasis: '京科发〔2023〕11号', verifyUrl: 'https://zwfw.beijing.gov.cn/console/#/verify/x' };
const certificate: IssuedDocument = {
  id: 'high-tech-k.d4',
  kind: 'certificate',
  title: '高新技术企业证书',
  issuedAt: '2026-03-04T16:30:00.000Z',
  number: '京科〔2026〕12号',
  issuer: 'zgc',
  body: { number: 'GR202611000123', creditCode: '91110108MA01ABCDE1', enterpriseName: '北京芯算科技有限公司', techField: 'electronic-information', issuedOn: '2026-03-05', validUntil: '2028-12-31', basis: '京政办发〔2022〕19号第3条', status: 'valid' },
};

/** Every label and value a layout prints. */
const printed = (l: ReturnType<typeof layoutDocument>) => [...l.fields.flatMap((f) => [f.label, f.value]), ...l.tables.flatMap((t) => [t.caption, ...t.columns, ...t.rows.flat()])];

describe('a document’s layout', () => {
  it('prints the agency, 文号, title, addressee and the Beijing date of issue', () => {
    const l = layoutDocument(certificate, context);
    expect(l).toMatchObject({ agency: DEPARTMENTS.zgc, number: '京科〔2026〕12号', title: '高新技术企业证书', addressee: '北京芯算科技有限公司', date: '2026年3月5日' });
    expect(l.issuedAt.toISOString()).toBe('2026-03-04T16:30:00.000Z');
  });

  it('labels every field in Chinese, dates in Chinese, codes by their names; the basis in its place, not as a field', () => {
    const l = layoutDocument(certificate, context);
    expect(l.fields).toEqual([
      { label: '编号', value: 'GR202611000123' },
      { label: '统一社会信用代码', value: '91110108MA01ABCDE1' },
      { label: '企业名称', value: '北京芯算科技有限公司' },
      { label: '技术领域', value: expect.not.stringMatching(/[a-z]-[a-z]/) },
      { label: '发证日期', value: '2026年3月5日' },
      { label: '有效期至', value: '2028年12月31日' },
    ]);
    expect(l.basis).toBe('京政办发〔2022〕19号第3条');
  });

  it('cites the process’s legal basis when the document names none', () => {
    const l = layoutDocument({ ...certificate, kind: 'acceptance-notice', body: { acceptedOn: '2026-03-01T02:00:00.000Z', deemed: false, agency: 'zgc' } }, context);
    expect(l.basis).toBe('京科发〔2023〕11号');
    expect(l.fields).toEqual([
      { label: '受理日期', value: '2026年3月1日 10:00' },
      { label: '逾期视为受理', value: '否' },
    ]);
  });

  it('sets the 12 departments’ compliance answers as one table, with no codes or ids', () => {
    const entries = COMPLIANCE_DEPARTMENTS.map((department, i) => ({
      department,
      departmentName: DEPARTMENTS[department],
      status: i === 0 ? 'cleared' : 'clean',
      findings: i === 0 ? [{ id: 'F-1', date: '2025-01-02', summary: '逾期年报，已补报' }] : [],
      answeredAt: '2026-03-05T06:00:00.000Z',
      stepId: `listing-k:compliance:${department}`,
    }));
    const l = layoutDocument({ ...certificate, kind: 'compliance-report', issuer: 'service-center', body: { code: 'HG2026ABCDEF', issuedAt: '2026-03-05T06:00:00.000Z', entries } }, context);
    expect(l.tables).toHaveLength(1);
    expect(l.tables[0].columns).toEqual(['部门', '结果', '记录', '答复时间']);
    expect(l.tables[0].rows).toHaveLength(12);
    expect(l.tables[0].rows[0]).toEqual([DEPARTMENTS['market-supervision'], '经核查消除', '日期：2025年1月2日，摘要：逾期年报，已补报', '2026年3月5日 14:00']);
    expect(l.tables[0].rows[1][2]).toBe('无');
    for (const text of printed(l)) expect(text).not.toMatch(/[A-Za-z]+-[A-Za-z]+|stepId|department/);
  });

  it('prints nested records (两证联办’s permits) with each field labelled', () => {
    const l = layoutDocument({ ...certificate, kind: 'decision-notice', body: { workPermit: { number: 'WP1', validFrom: '2026-03-05', validUntil: '2027-03-04', issuer: DEPARTMENTS['hr-social-security'] } } }, context);
    expect(l.fields).toEqual([{ label: '外国人来华工作许可', value: `许可编号：WP1，有效期自：2026年3月5日，有效期至：2027年3月4日，签发部门：${DEPARTMENTS['hr-social-security']}` }]);
  });

  it('never prints a field’s code as its label', () => {
    expect(documentFieldLabel('someUnknownField')).toBe('附注');
    expect(documentValue('amountYuan', 1200000)).toBe('1,200,000');
    expect(documentValue('agency', 'zgc')).toBe(DEPARTMENTS.zgc);
    expect(chineseDate('2026-01-09')).toBe('2026年1月9日');
  });

  it('links the QR code to the public verification page of the 文号', () => {
    expect(verifyUrlFor('https://zwfw.beijing.gov.cn/', '京科〔2026〕12号')).toBe(`https://zwfw.beijing.gov.cn/console/#/verify/${encodeURIComponent('京科〔2026〕12号')}`);
  });
});
