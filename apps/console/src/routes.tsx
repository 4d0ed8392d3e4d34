import { Result } from 'antd';
import { useEffect, type ReactNode } from 'react';
import type { Role } from './api/views';
import { AgencyWorklistPage } from './pages/agency/worklist-page';
import { MyCasesPage } from './pages/applicant/my-cases-page';
import { NewApplicationPage } from './pages/applicant/new-application-page';
import { CasePage } from './pages/case/case-page';
import { ExpertInboxPage } from './pages/expert/expert-inbox-page';
import { LoginPage } from './pages/login-page';
import { PublicNoticesPage } from './pages/public/public-notices-page';
import { VerifyPage } from './pages/public/verify-page';
import { DashboardPage } from './pages/supervisor/dashboard-page';
import { CaseSearchPage } from './pages/supervisor/case-search-page';
import { StepListPage } from './pages/supervisor/step-list-page';
import { navigate, useRoute } from './router';
import { useSession } from './session';

/** Sends a signed-out visitor to the login, which comes back to this very address. */
function SignIn({ next }: { next: string }) {
  useEffect(() => navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true }), [next]);
  return null;
}

const notFound = <Result status="404" title="页面不存在" subTitle="请从上方导航进入。" />;
const forbidden = <Result status="403" title="无权访问此页面" subTitle="此页面不属于您的角色。" />;

export function Routes() {
  const route = useRoute();
  const signedIn = useSession();
  const role = signedIn?.user.role;
  const [first, second, third] = route.segments;

  // Pages anyone may open, signed in or not.
  if (first === 'login') return <LoginPage next={route.query.get('next') ?? undefined} />;
  if (first === 'verify') return <VerifyPage key={second ?? ''} code={second} />;
  if (first === 'notices') return <PublicNoticesPage objectTo={second} />;
  if (!signedIn) return <SignIn next={route.href} />;

  const only = (roles: Role[], page: ReactNode) => (role && roles.includes(role) ? page : forbidden);
  switch (first) {
    case undefined:
      if (role === 'applicant') return <MyCasesPage />;
      if (role === 'agency') return <AgencyWorklistPage tab="todo" />;
      if (role === 'expert') return <ExpertInboxPage />;
      return <DashboardPage />;
    case 'new':
      return only(['applicant'], <NewApplicationPage key={second ?? ''} process={second} />);
    case 'cases':
      return second ? <CasePage key={second} caseId={second} /> : notFound;
    case 'worklist':
      return only(['agency'], <AgencyWorklistPage tab={second === 'done' ? 'done' : second === 'mine' ? 'mine' : 'todo'} />);
    case 'supervision':
      if (second === 'cases') return only(['supervisor'], <CaseSearchPage />);
      if (second === 'steps' || second === 'escalations' || second === 'overdue') return only(['supervisor'], <StepListPage list={second} agency={third} />);
      return only(['supervisor'], <DashboardPage />);
    default:
      return notFound;
  }
}
