import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 市人才工作局: the 北京市工作居住证 it has issued to foreign talent, one per 两证联办 case. */
@Entity({ schema: 'talent_bureau', name: 'work_residence_permits' })
export class WorkResidencePermit {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  number!: string;

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
