import { ApiUser, agencyStaff, applicant, as, expert, supervisor } from './support/actors';
import { awaitCase, fileHighTech } from './support/cases';
import { applicationFor, eligibleEnterprise, loadEnterprise } from './support/enterprises';
import { api } from './support/http';

/**
 * Every operation the API publishes, tried as every kind of party against one real case (filed
 * by `owner`, its 受理 step assigned to 市科委). The table says who gets past authorization;
 * everyone else must get 403. Bodies are deliberately incomplete, so nobody changes anything
 * by accident — except withdrawal, tried last.
 */
type Party = 'owner' | 'otherApplicant' | 'assignedAgency' | 'otherAgency' | 'expert' | 'supervisor';
const ALL: Party[] = ['owner', 'otherApplicant', 'assignedAgency', 'otherAgency', 'expert', 'supervisor'];
const APPLICANTS: Party[] = ['owner', 'otherApplicant'];
const AGENCIES: Party[] = ['assignedAgency', 'otherAgency'];
const WITH_A_STAKE: Party[] = ['owner', 'assignedAgency', 'supervisor'];

const MATRIX: Record<string, Party[]> = {
  'GET /auth/me': ALL,
  'POST /cases/high-tech': APPLICANTS,
  'POST /cases/listing': APPLICANTS,
  'POST /cases/talent-permits': APPLICANTS,
  'GET /cases': ALL,
  'GET /cases/{id}': WITH_A_STAKE,
  'GET /cases/{id}/timeline': WITH_A_STAKE,
  'GET /cases/{id}/notices': WITH_A_STAKE,
  'GET /cases/{id}/documents/{docId}': WITH_A_STAKE,
  'GET /cases/{id}/compliance-bundle': WITH_A_STAKE,
  'POST /cases/{id}/corrections': ['owner'],
  'POST /cases/{id}/extensions': ['supervisor'],
  'GET /inbox': [...AGENCIES, 'expert'],
  'POST /steps/{id}/claim': ['assignedAgency'],
  'POST /steps/{id}/decision': ['assignedAgency'],
  'POST /steps/{id}/exclusions': ['assignedAgency'],
  'POST /steps/{id}/exclusions/end': ['assignedAgency'],
  'POST /steps/{id}/liaison': ['assignedAgency'],
  'POST /steps/{id}/subsidy': ['assignedAgency'],
  // Past the role check, the workflow answers the expert: this step has no panel (409).
  'POST /steps/{id}/score': ['expert'],
  'POST /steps/{id}/urge': ['supervisor'],
  'POST /steps/{id}/reassign': ['supervisor'],
  'GET /supervision/overview': ['supervisor'],
  'GET /supervision/overdue': ['supervisor'],
  'GET /supervision/escalations': ['supervisor'],
  'GET /supervision/on-time': ['supervisor'],
  'GET /supervision/incidents': ['supervisor'],
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
};
const PUBLIC = ['GET /', 'GET /health', 'GET /health/live', 'GET /health/ready', 'GET /auth/dev-users', 'POST /auth/dev-login', 'GET /verify/certificates/{number}', 'GET /verify/compliance/{code}', 'GET /public-notices', 'POST /public-notices/{caseId}/objections'];

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

    const mismatches: string[] = [];
    for (const operation of Object.keys(MATRIX)) {
      const [method, template] = operation.split(' ');
      const path = template.replace('{id}', template.startsWith('/steps') ? stepId : id).replace('{docId}', `${id}.d1`);
      // Parties denied first, the owner last, so a withdrawal cannot hide the others' answers.
      for (const party of [...ALL].sort((a, b) => Number(a === 'owner') - Number(b === 'owner'))) {
        const headers: Record<string, string> = template.startsWith('/cases/') && !template.includes('{id}') ? { 'Idempotency-Key': `matrix-${party}-${Date.now()}` } : {};
        const answer = method === 'GET' ? await parties[party].get(path) : await parties[party].post(path, BODIES[operation] ?? {}, headers);
        const passed = answer.status !== 401 && answer.status !== 403;
        if (passed !== MATRIX[operation].includes(party)) mismatches.push(`${operation} as ${party}: ${answer.status} ${answer.body?.message ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
