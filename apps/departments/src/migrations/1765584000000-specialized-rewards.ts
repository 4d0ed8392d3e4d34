import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 专精特新 international-registration rewards: what 市经济和信息化局, 市药品监督管理局 and 北京海关 hold,
 * and what 市财政局 records when it pays.
 */
export class SpecializedRewards1765584000000 implements MigrationInterface {
  name = 'SpecializedRewards1765584000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SCHEMA economy_it`);
    await q.query(`
      CREATE TABLE economy_it.specialized_listings (
        credit_code varchar(18)  NOT NULL,
        level       varchar(32)  NOT NULL CHECK (level IN ('national-little-giant', 'municipal-little-giant', 'national-specialized-sme', 'municipal-specialized-sme')),
        name        varchar(200) NOT NULL,
        list_year   int          NOT NULL,
        valid_until date         NOT NULL,
        PRIMARY KEY (credit_code, level)
      )`);

    await q.query(`CREATE SCHEMA medical_products`);
    await q.query(`
      CREATE TABLE medical_products.production_licences (
        holder_credit_code varchar(18)  NOT NULL,
        product_name       varchar(200) NOT NULL,
        licence_number     varchar(40)  NOT NULL UNIQUE,
        product_type       varchar(32)  NOT NULL CHECK (product_type IN ('drug', 'high-end-medical-device')),
        issued_on          date         NOT NULL,
        valid_until        date         NOT NULL,
        status             varchar(16)  NOT NULL CHECK (status IN ('valid', 'revoked')),
        PRIMARY KEY (holder_credit_code, product_name),
        CHECK (valid_until >= issued_on)
      )`);

    await q.query(`CREATE SCHEMA customs`);
    await q.query(`
      CREATE TABLE customs.export_declarations (
        declaration_number varchar(18)      PRIMARY KEY,
        credit_code        varchar(18)      NOT NULL,
        product_name       varchar(200)     NOT NULL,
        market             varchar(8)       NOT NULL CHECK (market IN ('US', 'EU', 'JP', 'OTHER')),
        declared_on        date             NOT NULL,
        amount_yuan        double precision NOT NULL CHECK (amount_yuan > 0)
      )`);
    await q.query(`CREATE INDEX export_declarations_sales ON customs.export_declarations (credit_code, market, product_name)`);

    // 市财政局 has had no service of its own until now (its joint reviews are steps in the API).
    await q.query(`CREATE SCHEMA finance`);
    await q.query(`
      CREATE TABLE finance.reward_payments (
        number          varchar(32)      PRIMARY KEY,
        case_id         varchar(200)     NOT NULL,
        decision_id     varchar(200)     NOT NULL,
        credit_code     varchar(18)      NOT NULL,
        enterprise_name varchar(200)     NOT NULL,
        amount_yuan     double precision NOT NULL CHECK (amount_yuan > 0),
        basis           text             NOT NULL,
        paid_on         date             NOT NULL,
        UNIQUE (case_id, decision_id)
      )`);
    await q.query(`CREATE INDEX reward_payments_credit_code ON finance.reward_payments (credit_code)`);
  }

  async down(q: QueryRunner): Promise<void> {
    // All four schemas are this migration's own; CASCADE takes their tables.
    for (const schema of ['finance', 'customs', 'medical_products', 'economy_it']) await q.query(`DROP SCHEMA ${schema} CASCADE`);
  }
}
