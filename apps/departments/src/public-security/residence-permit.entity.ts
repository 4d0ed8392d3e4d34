import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 市公安局出入境管理总队: the 外国人居留许可 (for work) it has issued, one per 两证联办 case. */
@Entity({ schema: 'public_security', name: 'residence_permits' })
export class ResidencePermit {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  number!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 200, unique: true })
  caseId!: string;

  /** The 市人社局 work permit the residence is granted on. */
  @Column({ name: 'work_permit_number', type: 'varchar', length: 32 })
  workPermitNumber!: string;

  @Column({ name: 'holder_name', type: 'varchar', length: 100 })
  holderName!: string;

  @Column({ name: 'passport_number', type: 'varchar', length: 20 })
  passportNumber!: string;

  @Column({ type: 'char', length: 3 })
  nationality!: string;

  @Column({ name: 'employer_credit_code', type: 'varchar', length: 18 })
  employerCreditCode!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;
}
