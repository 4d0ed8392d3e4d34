import { PROCESSES, REGISTERED } from '../libs/processes';
import { agencyStaff, applicant, as, supervisor } from './support/actors';
import { api, idempotencyKey, uniqueCreditCode } from './support/http';

/**
 * The registry over HTTP: GET /processes describes every registered process as the consoles need
 * it, and filing is one route, POST /cases/{process}, documented once per process.
 */
describe('the processes the system carries', () => {
  const me = uniqueCreditCode();

  it('lists every registered process with its names, lead agency, form, kinds in Chinese and options in force', async () => {
    const answer = await as(supervisor()).get('/processes');
    expect(answer.status).toBe(200);
    expect(answer.body.map((p: any) => p.code)).toEqual(PROCESSES.map((p) => p.code));
    const highTech = answer.body.find((p: any) => p.code === 'high-tech');
    expect(highTech).toMatchObject({
      names: { zh: '高新技术企业认定' },
      workflowType: 'highTechCertification',
      leadAgency: { code: 'zgc', name: '市科委、中关村管委会' },
      filing: 'POST /cases/high-tech',
      statuses: { certified: '已认定', 'public-notice': '公示中' },
      publicRegister: [{ kind: 'certificate', name: '高新技术企业证书' }],
      // Meeting every criterion certifies on filing (报备即批准); the case page names the check so.
      assessment: { title: '报备即批准条件核验', approvesOnFiling: true },
    });
    // The engine's kinds and the process's own, each named in Chinese.
    expect(highTech.stepKinds).toMatchObject({ acceptance: '受理', 'expert-panel': '专家评审', 'spot-check': '事后抽查' });
    expect(highTech.documentKinds).toMatchObject({ 'acceptance-notice': '受理通知书', certificate: '高新技术企业证书' });
    expect(highTech.updates.map((u: any) => u.name)).toEqual(expect.arrayContaining(['lodgeObjection']));
    // Options in force: the test stack sets a 公示 of seconds and no spot checks; the rest are the defaults, each with its legal limit.
    const option = (name: string) => highTech.options.find((o: any) => o.setting === name);
    expect(option('HIGH_TECH_PUBLIC_NOTICE_SECONDS')).toMatchObject({ value: 6, min: 1, max: 3600 });
    expect(option('HIGH_TECH_SPOT_CHECK_PERCENT')).toMatchObject({ value: 0, max: 100 });
    expect(option('HIGH_TECH_ACCEPTANCE_WINDOW_DAYS')).toMatchObject({ value: 5, min: 1, max: 20, description: expect.stringContaining('受理') });
    // The form is the DTO's own rules as JSON Schema: required fields, the credit code's shape, nested objects under $defs.
    expect(highTech.form).toMatchObject({ type: 'object', required: ['creditCode', 'techField'], additionalProperties: false });
    expect(highTech.form.properties.creditCode).toMatchObject({ type: 'string', minLength: 18, maxLength: 18, description: '统一社会信用代码' });
    expect(highTech.form.$defs.RdExpensesDto.required).toEqual(['year', 'domesticYuan', 'totalYuan']);
    const talent = answer.body.find((p: any) => p.code === 'talent-permits');
    expect(talent.personalDataFields).toEqual(['passportNumber', 'dateOfBirth']);
    expect(talent.form.$defs.ForeignTalentDto.properties.passportNumber).toMatchObject({ type: 'string', pattern: '^[A-Z0-9]{6,12}$' });
  });

  it('is for signed-in parties of any role, not for strangers', async () => {
    expect((await api('GET', '/processes')).status).toBe(401);
    for (const user of [applicant(me), agencyStaff('tax'), supervisor()]) expect((await as(user).get('/processes')).status).toBe(200);
  });

  it('publishes forms whose required fields are exactly what the API refuses an empty application for', async () => {
    const forms = (await as(applicant(me)).get('/processes')).body;
    for (const process of REGISTERED) {
      const form = forms.find((p: any) => p.code === process.code).form;
      const answer = await as(applicant(me)).post(`/cases/${process.code}`, {}, { 'Idempotency-Key': idempotencyKey() });
      expect(answer.status).toBe(400);
      const refused = new Set(answer.body.errors.map((e: any) => e.field));
      expect([...refused].sort()).toEqual([...form.required].sort());
    }
  });

  it('answers a process that is not registered with 404 naming it and the ones there are, before looking at the body', async () => {
    const answer = await as(applicant(me)).post('/cases/no-such-process', { creditCode: me }, { 'Idempotency-Key': idempotencyKey() });
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ statusCode: 404, error: 'Not Found', errors: [{ field: 'process', rule: 'registeredProcess' }] });
    expect(answer.body.message).toContain('no-such-process');
    for (const code of PROCESSES.map((p) => p.code)) expect(answer.body.message).toContain(code);
    // Only applicants file: another role is refused before the process is looked up.
    expect((await as(supervisor()).post('/cases/no-such-process', {}, { 'Idempotency-Key': idempotencyKey() })).status).toBe(403);
  });

  it('documents filing once per registered process, each with its own body, and not the generic route', async () => {
    const spec = (await api('GET', '/docs-json')).body;
    expect(spec.paths['/cases/{process}']).toBeUndefined();
    for (const process of REGISTERED) {
      const operation = spec.paths[`/cases/${process.code}`]?.post;
      expect(operation).toBeDefined();
      expect(operation.summary).toContain(process.names.zh);
      const ref: string = operation.requestBody.content['application/json'].schema.$ref;
      const schema = spec.components.schemas[ref.split('/').pop()!];
      // The uploaded files are named beside the application (materials: [{kind, id}]), required where the process requires any.
      expect(schema.required).toEqual([...(process.form().required ?? []), ...(process.materials?.some((m) => m.required) ? ['materials'] : [])]);
      expect(operation.parameters.map((p: any) => p.name)).toEqual(['Idempotency-Key']);
    }
  });
});
