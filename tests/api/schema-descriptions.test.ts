import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, type GraphQLSchema } from "graphql";
import { buildAppSchema } from "../../server/src/schema/build";

/** Every type, field, argument and enum value of the schema with no description. */
function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const has = (d: string | null | undefined) => typeof d === "string" && d.trim().length > 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isScalarType(type) && ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
    if (!has(type.description)) missing.push(type.name);
    if (isEnumType(type)) for (const value of type.getValues()) if (!has(value.description)) missing.push(`${type.name}.${value.name}`);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!has(field.description)) missing.push(`${type.name}.${field.name}`);
        for (const arg of "args" in field ? field.args : []) if (!has(arg.description)) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
  }
  return missing;
}

describe("the schema describes itself", () => {
  it("every type, field, argument and enum value has a description (root types, inputs and payloads included)", async () => {
    const missing = undescribed(await buildAppSchema());
    expect(missing, `${missing.length} without a description`).toEqual([]);
  });

  it("a replaced field is deprecated with a reason", async () => {
    const schema = await buildAppSchema();
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === "Node")) continue;
      const dbId = type.getFields().dbId;
      expect(dbId?.deprecationReason, type.name).toMatch(/global ID/);
    }
  });
});
