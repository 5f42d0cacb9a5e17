/**
 * Just enough of OpenAPI 3.0 to hold real answers to the document the server
 * publishes: the operation of a method and path template, and a validator for
 * the schema subset zod emits. A keyword it does not know fails the check, so
 * nothing in the document goes unchecked in silence.
 */
export type JsonSchema = { [keyword: string]: unknown };
export type MediaType = { schema?: JsonSchema };
export type DocumentedResponse = { description: string; content?: Record<string, MediaType>; headers?: Record<string, unknown> };
export type Operation = { responses: Record<string, DocumentedResponse>; security?: unknown[] };
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
  security?: unknown[];
};

const annotations = new Set(['description', 'title', 'format', 'default', 'examples', 'example', 'readOnly', 'writeOnly', 'deprecated']);
const checked = new Set([
  '$ref', 'type', 'nullable', 'enum', 'properties', 'required', 'additionalProperties', 'items', 'anyOf', 'oneOf', 'allOf',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems',
]);

/** The problems of `value` against `schema`, each with the path to the part at fault; empty when it conforms. */
export function validateAgainst(schema: JsonSchema, value: unknown, document: OpenApiDocument, path = '$'): string[] {
  const unknown = Object.keys(schema).filter((keyword) => !checked.has(keyword) && !annotations.has(keyword));
  if (unknown.length > 0) return [`${path}: the validator does not know ${unknown.join(', ')}`];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components.schemas[name];
    return target ? validateAgainst(target, value, document, path) : [`${path}: unresolved ${schema.$ref}`];
  }
  if (value === null && (schema.nullable === true || (Array.isArray(schema.enum) && schema.enum.includes(null)))) return [];
  if (value === null && schema.type !== undefined) return [`${path}: null is not allowed`];
  const problems: string[] = [];
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[];
    const matching = branches.filter((branch) => validateAgainst(branch, value, document, path).length === 0).length;
    if (matching === 0 || (schema.oneOf && matching > 1)) problems.push(`${path}: matches ${matching} of the ${schema.anyOf ? 'anyOf' : 'oneOf'} branches`);
  }
  for (const part of (schema.allOf ?? []) as JsonSchema[]) problems.push(...validateAgainst(part, value, document, path));
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => allowed === value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (schema.type !== undefined && !hasType(schema.type as string, value)) return [...problems, `${path}: ${JSON.stringify(value)?.slice(0, 80)} is not of type ${String(schema.type)}`];
  if (typeof value === 'number') problems.push(...numberProblems(schema, value, path));
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) problems.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) problems.push(`${path}: longer than ${schema.maxLength}`);
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) problems.push(`${path}: does not match ${schema.pattern}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) problems.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) problems.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, index) => problems.push(...validateAgainst(schema.items as JsonSchema, item, document, `${path}[${index}]`)));
  } else if (typeof value === 'object' && value !== null) {
    problems.push(...objectProblems(schema, value as Record<string, unknown>, document, path));
  }
  return problems;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'array': return Array.isArray(value);
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    default: return typeof value === type;
  }
}

function numberProblems(schema: JsonSchema, value: number, path: string): string[] {
  const problems: string[] = [];
  // OpenAPI 3.0: exclusiveMinimum and exclusiveMaximum are booleans that sharpen minimum and maximum
  if (typeof schema.minimum === 'number' && (schema.exclusiveMinimum === true ? value <= schema.minimum : value < schema.minimum)) problems.push(`${path}: below ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && (schema.exclusiveMaximum === true ? value >= schema.maximum : value > schema.maximum)) problems.push(`${path}: above ${schema.maximum}`);
  return problems;
}

function objectProblems(schema: JsonSchema, value: Record<string, unknown>, document: OpenApiDocument, path: string): string[] {
  const problems: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const name of (schema.required ?? []) as string[]) if (!(name in value)) problems.push(`${path}.${name}: required but missing`);
  for (const [name, item] of Object.entries(value)) {
    if (name in properties) problems.push(...validateAgainst(properties[name], item, document, `${path}.${name}`));
    else if (schema.additionalProperties === false) problems.push(`${path}.${name}: not in the schema`);
    else if (typeof schema.additionalProperties === 'object') problems.push(...validateAgainst(schema.additionalProperties as JsonSchema, item, document, `${path}.${name}`));
  }
  return problems;
}
