import type { OpenAPIObject } from '@nestjs/swagger';
import { REGISTERED, applicationSchemas, registeredActions } from '../../../../libs/processes';
import { ACTION_ROUTES } from '../actions/action-routes';
import type { MaterialRequirement } from '../../../../libs/domain';

const FILING = '/cases/{process}';

type SchemaShape = { properties?: Record<string, unknown>; required?: string[]; [key: string]: unknown };

/** The filing body names its uploaded files beside the application: `materials: [{kind, id}]`. */
function withMaterials(schema: SchemaShape, materials: readonly MaterialRequirement[]): SchemaShape {
  const kinds = materials.map((m) => `${m.kind}（${m.name}${m.required ? '，必需' : ''}）`).join('、');
  return {
    ...schema,
    properties: {
      ...schema.properties,
      materials: {
        type: 'array',
        description: `the files filed with it, each uploaded first (POST /materials): ${kinds}`,
        items: { $ref: '#/components/schemas/MaterialAttachmentDto' },
      },
    },
    required: [...(schema.required ?? []), ...(materials.some((m) => m.required) ? ['materials'] : [])],
  };
}

/**
 * The document shows filing as one operation per registered process (`POST /cases/high-tech`,
 * …), each with its own body: the JSON Schema derived from the process's DTO, the same rules the
 * API validates with. The route itself is one (`POST /cases/{process}`); generated clients,
 * the route and authorization tests and the fuzzer see each process's form.
 */
export function documentFilingPerProcess(document: OpenAPIObject): OpenAPIObject {
  const filing = document.paths[FILING]?.post;
  if (!filing) throw new Error(`the OpenAPI document has no POST ${FILING} to document per process`);
  const { [FILING]: _generic, ...paths } = document.paths;
  const schemas = { ...(document.components?.schemas ?? {}) };
  const perProcess = Object.fromEntries(
    REGISTERED.map((process) => {
      Object.assign(schemas, applicationSchemas(process.dto, '#/components/schemas/'));
      if (process.materials?.length) schemas[process.dto.name] = withMaterials(schemas[process.dto.name] as SchemaShape, process.materials) as (typeof schemas)[string];
      const operation = {
        ...filing,
        operationId: `file_${process.code}`,
        summary: `${process.names.zh}（${process.names.en}）: the applicant files`,
        parameters: (filing.parameters ?? []).filter((p) => !('name' in p && p.name === 'process' && p.in === 'path')),
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${process.dto.name}` } } } },
      };
      return [`/cases/${process.code}`, { post: operation }];
    }),
  );
  return { ...document, paths: { ...perProcess, ...paths }, components: { ...document.components, schemas } };
}

/**
 * The processes' own actions, one operation each (`POST /steps/{id}/score`, `POST
 * /public-notices/{caseId}/objections` …) with its body, from the registry: the generic routes the
 * controller serves them by (`/steps/{id}/actions/{action}` …) are documented through them.
 */
export function documentActionsPerProcess(document: OpenAPIObject): OpenAPIObject {
  const paths = { ...document.paths };
  const schemas = { ...(document.components?.schemas ?? {}) };
  for (const on of ['step', 'case', 'public'] as const) {
    const routes = ACTION_ROUTES[on];
    const generic = paths[routes.generic]?.post;
    if (!generic) throw new Error(`the OpenAPI document has no POST ${routes.generic} to document per action`);
    // The short routes as Nest documented them (no body): replaced below, with the generic one.
    for (const path of [routes.generic, ...registeredActions(on).map((a) => routes.documented(a.definition.action))]) delete paths[path];
    for (const { definition: action, processes } of registeredActions(on)) {
      Object.assign(schemas, applicationSchemas(action.dto, '#/components/schemas/'));
      const by = action.roles.length ? `（${action.roles.join(', ')}）` : '';
      paths[routes.documented(action.action)] = {
        post: {
          ...generic,
          operationId: `${on}Action_${action.action}`,
          summary: `${action.label}${by}: ${action.description} — ${processes.map((p) => p.names.zh).join('、')}`,
          description: `Also served at POST ${routes.genericFor(action.action)}. Sends the workflow update ${action.update}.`,
          parameters: (generic.parameters ?? []).filter((p) => !('name' in p && p.name === 'action' && p.in === 'path')),
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${action.dto.name}` } } } },
        },
      };
    }
  }
  return { ...document, paths, components: { ...document.components, schemas } };
}
