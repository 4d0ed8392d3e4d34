import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 市人社局: the 外国人来华工作许可 it has issued, one per 两证联办 case. */
@Entity({ schema: 'hr_social_security', name: 'work_permits' })
export class WorkPermit {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  number!: string;

  @Column({ name: 'case_id', type: 'varchar', length: 200, unique: true })
  caseId!: string;

  @Column({ name: 'holder_name', type: 'varchar', length: 100 })
  holderName!: string;

  @Column({ name: 'passport_number', type: 'varchar', length: 20 })
  passportNumber!: string;

  @Column({ type: 'char', length: 3 })
  nationality!: string;

  @Column({ name: 'employer_credit_code', type: 'varchar', length: 18 })
  employerCreditCode!: string;

  @Column({ type: 'varchar', length: 100 })
  position!: string;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_until', type: 'date' })
  validUntil!: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;
}
