import { DECORATORS, SchemaObject } from '@nestjs/swagger';
import type { MetadataStorage } from 'class-transformer/types/MetadataStorage';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

export type JsonSchema = SchemaObject;

// class-transformer keeps its @Type metadata here and publishes no typings for the path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: MetadataStorage };

/** The form GET /processes publishes: one JSON Schema, nested DTOs under `$defs`. */
export type ApplicationForm = JsonSchema & { $defs?: Record<string, JsonSchema> };

// Our own decorators (libs/dto/validators.ts) say what they accept, in JSON Schema's words.
const CREDIT_CODE = { type: 'string', pattern: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', minLength: 18, maxLength: 18 } as const;
const CALENDAR_DATE = { type: 'string', format: 'date' } as const;

/**
 * Every class-validator DTO as JSON Schema, once: the rules the API validates with are the ones
 * the form and the OpenAPI document show. Descriptions and examples come from the same classes'
 * @ApiProperty, so a DTO is documented once.
 */
function allSchemas(refPointerPrefix: string): Record<string, JsonSchema> {
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix,
    classTransformerMetadataStorage: defaultMetadataStorage,
    classValidatorMetadataStorage: getMetadataStorage(),
    additionalConverters: {
      isCreditCode: CREDIT_CODE,
      isCalendarDate: CALENDAR_DATE,
      // Other checks of our own (a date in range, every document given) narrow what the
      // property's own type decorators say; they add nothing a schema can state.
      [ValidationTypes.CUSTOM_VALIDATION]: {},
    },
  }) as Record<string, JsonSchema>;
  return schemas;
}

/**
 * `description` and `example` from @ApiProperty, where the rules alone do not say what a field
 * is; a nested DTO as `allOf: [{$ref}]`, since OpenAPI 3.0 ignores whatever stands beside a $ref.
 */
function withDocumentation(dto: new () => object, schema: JsonSchema): JsonSchema {
  const properties = { ...(schema.properties ?? {}) } as Record<string, JsonSchema & { $ref?: string }>;
  for (const [name, property] of Object.entries(properties)) {
    const documented = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, dto.prototype, name) as { description?: string; example?: unknown } | undefined;
    const { $ref, type: _object, ...beside } = property;
    properties[name] = {
      ...($ref ? { allOf: [{ $ref }], ...beside } : property),
      ...(documented?.description !== undefined && { description: documented.description }),
      ...(documented?.example !== undefined && { example: documented.example }),
    };
  }
  // The API refuses any field the DTO does not name (forbidNonWhitelisted).
  return { ...schema, properties, additionalProperties: false };
}

/** The DTO and the DTOs nested in it (class-transformer's @Type on each property). */
function nestedClasses(dto: new () => object, schemas: Record<string, JsonSchema>): Array<new () => object> {
  const found: Array<new () => object> = [];
  const visit = (cls: new () => object) => {
    if (found.includes(cls) || !schemas[cls.name]) return;
    found.push(cls);
    for (const property of Object.keys(schemas[cls.name].properties ?? {})) {
      const nested = defaultMetadataStorage.findTypeMetadata(cls, property)?.typeFunction() as (new () => object) | undefined;
      if (typeof nested === 'function') visit(nested);
    }
  };
  visit(dto);
  return found;
}

/** The DTO's schema and those of the DTOs nested in it, refs under `refPointerPrefix`. */
export function applicationSchemas(dto: new () => object, refPointerPrefix: string): Record<string, JsonSchema> {
  const all = allSchemas(refPointerPrefix);
  return Object.fromEntries(
    nestedClasses(dto, all).map((cls) => [cls.name, withDocumentation(cls, all[cls.name])]),
  );
}

/** The form: the DTO's schema, self-contained (nested DTOs under $defs). */
export function applicationForm(dto: new () => object): ApplicationForm {
  const { [dto.name]: schema, ...nested } = applicationSchemas(dto, '#/$defs/');
  return Object.keys(nested).length ? { ...schema, $defs: nested } : schema;
}
