import { ApiUser, agencyStaff, applicant, as, expert, supervisor } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { api } from './support/http';
import { PROCESS_CODES } from '../libs/processes';

/**
 * Every operation the API publishes, tried as every kind of party against one real case (filed
 * by `owner`, its 受理 step assigned to 市科委). The table says who gets past authorization;
 * everyone else is refused — 403 for a call their role may never make, and for a case or step
 * they have no stake in exactly the answer a missing one gets (404, the same body), so the
 * refusal does not even tell them the case exists. Bodies are deliberately incomplete, so nobody
 * changes anything by accident — except withdrawal, tried last.
 */
type Party = 'owner' | 'otherApplicant' | 'assignedAgency' | 'otherAgency' | 'expert' | 'supervisor';
const ALL: Party[] = ['owner', 'otherApplicant', 'assignedAgency', 'otherAgency', 'expert', 'supervisor'];
const APPLICANTS: Party[] = ['owner', 'otherApplicant'];
const AGENCIES: Party[] = ['assignedAgency', 'otherAgency'];
const WITH_A_STAKE: Party[] = ['owner', 'assignedAgency', 'supervisor'];

const MATRIX: Record<string, Party[]> = {
  'GET /auth/me': ALL,
  'GET /processes': ALL,
  // Filing: one documented operation per registered process.
  ...Object.fromEntries(PROCESS_CODES.map((code) => [`POST /cases/${code}`, APPLICANTS])),
  'GET /cases': ALL,
  'GET /cases/{id}': WITH_A_STAKE,
  'GET /cases/{id}/timeline': WITH_A_STAKE,
  'GET /cases/{id}/notices': WITH_A_STAKE,
  'GET /cases/{id}/documents/{docId}': WITH_A_STAKE,
  'GET /cases/{id}/documents/{docId}/pdf': WITH_A_STAKE,
  'GET /cases/{id}/compliance-bundle': WITH_A_STAKE,
  'GET /cases/{id}/compliance-bundle/pdf': WITH_A_STAKE,
  'POST /cases/{id}/corrections': ['owner'],
  'POST /cases/{id}/extensions': ['supervisor'],
  'GET /inbox': [...AGENCIES, 'expert'],
  'GET /worklist': [...AGENCIES, 'expert'],
  'POST /steps/{id}/claim': ['assignedAgency'],
  // Nobody holds the step: each allowed party is told so (409), the others are refused.
  'POST /steps/{id}/release': ['assignedAgency', 'supervisor'],
  'GET /steps/{id}/reassign-options': ['supervisor'],
  'POST /steps/{id}/decision': ['assignedAgency'],
  'POST /steps/{id}/exclusions': ['assignedAgency'],
  'POST /steps/{id}/exclusions/end': ['assignedAgency'],
  'POST /steps/{id}/liaison': ['assignedAgency'],
  'POST /steps/{id}/subsidy': ['assignedAgency'],
  // The expert sits on no panel of this case: to them it does not exist (404, as a missing one).
  'POST /steps/{id}/score': [],
  'POST /steps/{id}/urge': ['supervisor'],
  'POST /steps/{id}/reassign': ['supervisor'],
  'GET /supervision/overview': ['supervisor'],
  'GET /supervision/overdue': ['supervisor'],
  'GET /supervision/escalations': ['supervisor'],
  'GET /supervision/on-time': ['supervisor'],
  'GET /supervision/incidents': ['supervisor'],
  'GET /supervision/steps': ['supervisor'],
  'GET /supervision/steps/export': ['supervisor'],
  'GET /supervision/cases': ['supervisor'],
  'GET /supervision/cases/export': ['supervisor'],
  'GET /calendar/years': ALL,
  'GET /calendar/years/{year}': ALL,
  'PUT /calendar/years/{year}': ['supervisor'],
  // Anyone signed in may upload (applicants for filings and answers, officials for decisions); a file is
  // its uploader's until attached. The path's id here is a case id, no material: nobody gets a file.
  'POST /materials': ALL,
  'GET /materials/{id}': [],
  'GET /materials/{id}/meta': [],
  'GET /materials/{id}/downloads': [],
  'POST /cases/{id}/withdraw': ['owner'],
};
/** Well-formed bodies that still change nothing for the parties allowed (a decision the step does not allow, …). */
const BODIES: Record<string, unknown> = {
  'POST /cases/{id}/corrections': { responses: [{ item: 'x', response: 'y' }] },
  'POST /cases/{id}/extensions': { days: 16, reason: 'x' },
  'POST /steps/{id}/decision': { decision: 'approve' },
  'POST /steps/{id}/exclusions': { kind: 'expert-review', expectedDays: 1 },
  'POST /steps/{id}/liaison': { name: '王对接', phone: '010-55550000' },
  'POST /steps/{id}/subsidy': { amountYuan: 1 },
  'POST /steps/{id}/score': { score: 80, opinion: 'x' },
  'POST /steps/{id}/urge': { note: '' },
  'POST /steps/{id}/reassign': { agency: 'nowhere', reason: 'x' },
  'PUT /calendar/years/{year}': { title: 'x', holidays: [] },
};
/** The refusals that say "no such case / step": what a party without a stake gets, as for a missing id. */
const NOT_FOUND = ['案件不存在', '环节不存在', '附件不存在'];
const PUBLIC = ['GET /', 'GET /health', 'GET /health/live', 'GET /health/ready', 'GET /auth/config', 'GET /auth/dev-users', 'POST /auth/dev-login', 'GET /verify', 'POST /verify', 'GET /verify/certificates/{number}', 'GET /verify/compliance/{code}', 'GET /verify/{kind}/{number}', 'GET /public-notices', 'POST /public-notices/{caseId}/objections'];

describe('authorization matrix', () => {
  it('lets exactly the parties in the table past authorization, on every operation', async () => {
    const enterprise = await loadEnterprise(eligibleEnterprise({ aboveDesignatedSize: false }));
    const parties: Record<Party, ApiUser> = {
      owner: as(applicant(enterprise.creditCode)),
      otherApplicant: as(applicant(eligibleEnterprise().creditCode)),
      assignedAgency: as(agencyStaff('zgc', 'matrix-zgc')),
      otherAgency: as(agencyStaff('tax', 'matrix-tax')),
      expert: as(expert('expert-1')),
      supervisor: as(supervisor()),
    };
    const { id } = await fileHighTech(applicationFor(enterprise), undefined, parties.owner);
    const c = await awaitCase(parties.owner, id, (x) => x.status === 'acceptance' && x.steps.length === 1, 'acceptance');
    const stepId = c.steps[0].id;

    const spec = (await api('GET', '/docs-json')).body;
    const published = Object.entries(spec.paths as Record<string, object>).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    // The table covers everything published: a new route must be added here to pass.
    expect([...published].sort()).toEqual([...Object.keys(MATRIX), ...PUBLIC].sort());

    const missing = `high-tech-matrix-missing-${Date.now()}`;
    const concrete = (template: string, caseId: string) => template.replace('{id}', template.startsWith('/steps') ? `${caseId}.1` : caseId).replace('{docId}', `${caseId}.d1`).replace('{year}', '2031');
    expect(stepId).toBe(`${id}.1`);
    const mismatches: string[] = [];
    for (const operation of Object.keys(MATRIX)) {
      const [method, template] = operation.split(' ');
      // Parties denied first, the owner last, so a withdrawal cannot hide the others' answers.
      for (const party of [...ALL].sort((a, b) => Number(a === 'owner') - Number(b === 'owner'))) {
        const headers: Record<string, string> = template.startsWith('/cases/') && !template.includes('{id}') ? { 'Idempotency-Key': `matrix-${party}-${Date.now()}` } : {};
        const ask = (path: string) =>
          method === 'GET' ? parties[party].get(path) : method === 'PUT' ? parties[party].put(path, BODIES[operation] ?? {}) : parties[party].post(path, BODIES[operation] ?? {}, headers);
        const answer = await ask(concrete(template, id));
        const passed = answer.status !== 401 && answer.status !== 403 && !(answer.status === 404 && NOT_FOUND.includes(answer.body?.message));
        if (passed !== MATRIX[operation].includes(party)) mismatches.push(`${operation} as ${party}: ${answer.status} ${answer.body?.message ?? ''}`);
        if (passed || !template.includes('{id}')) continue;
        // Refused: exactly as if the case did not exist.
        const none = await ask(concrete(template, missing));
        if (answer.status !== none.status || JSON.stringify(answer.body) !== JSON.stringify(none.body)) {
          mismatches.push(`${operation} as ${party}: ${answer.status} ${JSON.stringify(answer.body)} but for a missing case ${none.status} ${JSON.stringify(none.body)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
