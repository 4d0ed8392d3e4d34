import { Column, PrimaryColumn } from 'typeorm';

/**
 * What every permit-issuing department records of a permit (concrete-table inheritance: each
 * department keeps its own table; these columns are common to all of them).
 */
export abstract class IssuedPermit {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  number!: string;

  /** One permit per case: a retried issue finds it instead of making a second. */
  @Column({ name: 'case_id', type: 'varchar', length: 200, unique: true })
  caseId!: string;

  @Column({ name: 'holder_name', type: 'varchar', length: 100 })
  holderName!: string;

  @Column({ name: 'passport_number', type: 'varchar', length: 20 })
  passportNumber!: string;

  @Column({ name: 'employer_credit_code', type: 'varchar', length: 18 })
  employerCreditCode!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;
}
