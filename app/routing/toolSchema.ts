// A light check that an MCP tool's inputSchema is something the Messages API will take as input_schema.

/** Returns why the schema cannot be offered to the model, or undefined when it looks fine. */
export function inputSchemaProblem(schema: unknown): string | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return 'Its input schema is not a JSON object.';
  }
  const s = schema as Record<string, unknown>;
  if (s.type !== 'object') {
    return `Its input schema must have "type": "object" (found ${JSON.stringify(s.type) ?? 'nothing'}).`;
  }
  if (s.properties !== undefined && (typeof s.properties !== 'object' || s.properties === null || Array.isArray(s.properties))) {
    return 'Its input schema has "properties" that is not an object.';
  }
  if (s.required !== undefined && !(Array.isArray(s.required) && s.required.every((r) => typeof r === 'string'))) {
    return 'Its input schema has "required" that is not a list of property names.';
  }
  try {
    JSON.stringify(schema);
  } catch (err) {
    return `Its input schema cannot be sent as JSON (${err instanceof Error ? err.message : String(err)}).`;
  }
  return undefined;
}
