export * from './auth.guard';
export * from './demo-users';
export * from './token.service';
