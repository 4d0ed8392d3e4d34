import { departmentLabel } from '../../../libs/i18n/labels';

/**
 * A person as the header and the login page name them: once, with one agency name. A name that
 * already ends in a parenthesis (an identity provider that adds the office) is shown as it is,
 * never followed by a second one.
 */
export function personLabel(user: { name: string; agency?: string }): string {
  if (!user.agency || /（[^（）]+）$/.test(user.name)) return user.name;
  return `${user.name}（${departmentLabel(user.agency)}）`;
}
