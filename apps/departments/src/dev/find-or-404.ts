import { NotFoundException } from '@nestjs/common';
import { FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';

/** A department that holds no record answers 404 with the reason; callers treat that as data. */
export async function findOr404<T extends ObjectLiteral>(repo: Repository<T>, where: FindOptionsWhere<T>, message: string): Promise<T> {
  const found = await repo.findOneBy(where);
  if (!found) throw new NotFoundException(message);
  return found;
}
