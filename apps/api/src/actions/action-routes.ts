import { ProcessActionTarget, registeredActions } from '../../../../libs/processes';

/** The engine's own routes under /steps/{id}/ and /public-notices/{caseId}/: no process's action may take their names. */
const ENGINE_STEP_ROUTES = ['claim', 'decision', 'exclusions', 'release', 'reassign', 'reassign-options', 'urge', 'actions'];

interface ActionRoutes {
  /** What the controller serves, in Nest's words: the generic route, then each action's short one. */
  served: string[];
  /** The generic route as the OpenAPI document writes it (replaced there by one path per action). */
  generic: string;
  /** Where the document shows one action, and where GET /processes says to call it. */
  documented(action: string): string;
  /** The generic route for one action (served too). */
  genericFor(action: string): string;
}

function routes(on: ProcessActionTarget, generic: string, short?: (action: string) => string): ActionRoutes {
  const names = registeredActions(on).map((a) => a.definition.action);
  const clash = names.filter((n) => ENGINE_STEP_ROUTES.includes(n) || !/^[a-z][a-z0-9-]*$/.test(n));
  if (clash.length) throw new Error(`process actions that would shadow the engine's routes or break a URL: ${clash.join(', ')}`);
  const openApi = (path: string) => `/${path.replace(/:(\w+)/g, '{$1}')}`;
  return {
    served: [generic, ...(short ? names.map(short) : [])],
    generic: openApi(generic),
    documented: (action) => openApi(short ? short(action) : generic.replace(':action', action)),
    genericFor: (action) => openApi(generic.replace(':action', action)),
  };
}

/**
 * The URLs of the processes' own actions. Step and public actions keep the short URLs clients
 * have always called (`/steps/{id}/score`, `/public-notices/{caseId}/objections`), registered
 * one by one from the registry so that no catch-all shadows a route added later.
 */
export const ACTION_ROUTES: Record<ProcessActionTarget, ActionRoutes> = {
  step: routes('step', 'steps/:id/actions/:action', (action) => `steps/:id/${action}`),
  case: routes('case', 'cases/:id/actions/:action'),
  public: routes('public', 'public/cases/:caseId/actions/:action', (action) => `public-notices/:caseId/${action}`),
};
