import { MigrationInterface, QueryRunner } from 'typeorm';

/** What the permits of 两证联办 are called in the register, by the department's permit kind. */
const PERMITS = `(VALUES ('work-permit', '外国人来华工作许可', 'hr-social-security'),
                         ('residence-permit', '外国人居留许可', 'public-security'),
                         ('work-residence-permit', '北京市工作居住证', 'talent-bureau')) AS k(permit, title, issuer)`;

/**
 * One public register for everything a case issues that anyone may verify: the certificates and
 * compliance reports move in from their own tables, and the permits 两证联办 issued so far are
 * entered from the cases that hold them (the employer as holder, never the talent).
 *
 * The old tables are dropped, not kept: nothing writes them any more, and a second copy that
 * silently goes stale is what a reader (the one-open-case rule, an operator's query) must not
 * find. `down` rebuilds them from the register.
 */
export class PublicRegister1764920000000 implements MigrationInterface {
  name = 'PublicRegister1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE public_register (
        kind               varchar(40)  NOT NULL,
        number             varchar(40)  NOT NULL,
        case_id            varchar(200) NOT NULL,
        process            varchar(32)  NOT NULL,
        title              varchar(100) NOT NULL,
        issuer             varchar(40)  NOT NULL,
        holder_name        varchar(200) NOT NULL,
        holder_credit_code varchar(18)  NOT NULL,
        issued_on          date         NOT NULL,
        issued_at          timestamptz,
        valid_from         date,
        valid_until        date,
        status             varchar(16)  NOT NULL,
        revoked_on         date,
        revoked_reason     text,
        superseded_by      varchar(40),
        basis              text,
        details            jsonb        NOT NULL DEFAULT '{}',
        version            int          NOT NULL,
        PRIMARY KEY (kind, number)
      )`);
    await q.query(`CREATE INDEX public_register_holder ON public_register (kind, holder_credit_code, issued_on)`);
    await q.query(`CREATE INDEX public_register_case ON public_register (case_id)`);

    await q.query(`
      INSERT INTO public_register (kind, number, case_id, process, title, issuer, holder_name, holder_credit_code, issued_on, valid_from, valid_until,
                                   status, revoked_on, revoked_reason, basis, details, version)
      SELECT 'certificate', number, case_id, 'high-tech', '高新技术企业证书', 'zgc', enterprise_name, credit_code, issued_on, issued_on, valid_until,
             status, revoked_on, revoked_reason, basis, jsonb_build_object('techField', tech_field), version
        FROM certificates`);
    await q.query(`
      INSERT INTO public_register (kind, number, case_id, process, title, issuer, holder_name, holder_credit_code, issued_on, issued_at,
                                   status, superseded_by, details, version)
      SELECT 'compliance-report', code, case_id, 'listing', '企业上市合规证明（合规一码通）', 'service-center', enterprise_name, credit_code,
             (issued_at AT TIME ZONE 'Asia/Shanghai')::date, issued_at, status, superseded_by, jsonb_build_object('entries', entries), version
        FROM compliance_reports`);
    // Both permits of every case that issued them, and each 工作居住证 granted beside them.
    await q.query(`
      INSERT INTO public_register (kind, number, case_id, process, title, issuer, holder_name, holder_credit_code, issued_on, valid_from, valid_until,
                                   status, details, version)
      SELECT 'permit', p.value->>'number', c.id, c.process, k.title, k.issuer, c.application->>'employerName', c.applicant_id,
             (p.value->>'validFrom')::date, (p.value->>'validFrom')::date, (p.value->>'validUntil')::date, 'valid', jsonb_build_object('permit', k.permit), c.version
        FROM cases c
        CROSS JOIN LATERAL (
          SELECT value FROM jsonb_each(CASE WHEN jsonb_typeof(c.assessment->'permits') = 'object' THEN c.assessment->'permits' ELSE '{}'::jsonb END)
          UNION ALL
          SELECT b->'result' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(c.assessment->'branches') = 'array' THEN c.assessment->'branches' ELSE '[]'::jsonb END) b
           WHERE b->>'kind' = 'work-residence-permit' AND b->>'status' = 'granted'
        ) p
        JOIN ${PERMITS} ON k.permit = p.value->>'kind'
       WHERE c.process = 'talent-permits' AND p.value->>'number' IS NOT NULL
      ON CONFLICT (kind, number) DO NOTHING`);
    await q.query(`DROP TABLE certificates`);
    await q.query(`DROP TABLE compliance_reports`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE certificates (
        number varchar(40) PRIMARY KEY, case_id varchar(200) NOT NULL, credit_code varchar(18) NOT NULL, enterprise_name varchar(200) NOT NULL,
        tech_field varchar(40) NOT NULL, issued_on date NOT NULL, valid_until date NOT NULL, basis text NOT NULL, status varchar(16) NOT NULL,
        revoked_on date, revoked_reason text, version int NOT NULL)`);
    await q.query(`CREATE INDEX certificates_credit_code ON certificates (credit_code)`);
    await q.query(`
      INSERT INTO certificates (number, case_id, credit_code, enterprise_name, tech_field, issued_on, valid_until, basis, status, revoked_on, revoked_reason, version)
      SELECT number, case_id, holder_credit_code, holder_name, details->>'techField', issued_on, valid_until, basis, status, revoked_on, revoked_reason, version
        FROM public_register WHERE kind = 'certificate'`);
    await q.query(`
      CREATE TABLE compliance_reports (
        code varchar(40) PRIMARY KEY, case_id varchar(200) NOT NULL, credit_code varchar(18) NOT NULL, enterprise_name varchar(200) NOT NULL,
        issued_at timestamptz NOT NULL, entries jsonb NOT NULL, status varchar(16) NOT NULL, superseded_by varchar(40), version int NOT NULL)`);
    await q.query(`CREATE INDEX compliance_reports_credit_code ON compliance_reports (credit_code, issued_at)`);
    await q.query(`
      INSERT INTO compliance_reports (code, case_id, credit_code, enterprise_name, issued_at, entries, status, superseded_by, version)
      SELECT number, case_id, holder_credit_code, holder_name, issued_at, details->'entries', status, superseded_by, version
        FROM public_register WHERE kind = 'compliance-report'`);
    await q.query(`DROP TABLE public_register`);
  }
}
