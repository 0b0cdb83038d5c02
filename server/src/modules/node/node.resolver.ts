import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { fromGlobalId, Node } from "../../common/node-id";
import { badInput, fieldProblem } from "../../common/validation";
import { loadNode } from "./node.registry";

export const MAX_NODES = 100;

function parse(id: string, field: string) {
  const parsed = fromGlobalId(id);
  if (!parsed) throw badInput([fieldProblem(field, "id")]);
  return parsed;
}

@Resolver()
export class NodeResolver {
  @Allow("PUBLIC")
  @Query(() => Node, {
    nullable: true,
    description:
      "Any object by its global ID, under the same read rules as the type's own query (a case: the case policy). Null when there is none or it is not yours to see; an id that is not a global ID is refused (BAD_USER_INPUT, rule `id`).",
  })
  node(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "A global ID (`id` of any Node)." }) id: string) {
    const { typeName, key } = parse(id, "id");
    return loadNode(ctx, typeName, key);
  }

  @Allow("PUBLIC")
  @Query(() => [Node], {
    nullable: "items",
    description: `Several objects by global ID (at most ${MAX_NODES}), in the order asked; null in place of each one \`node\` would answer null for.`,
  })
  async nodes(
    @Ctx() ctx: RequestContext,
    @Arg("ids", () => [ID], { description: `Global IDs, 1–${MAX_NODES}.` }) ids: string[],
  ) {
    if (ids.length > MAX_NODES) throw badInput([fieldProblem("ids", "arrayMaxSize", { limit: MAX_NODES })]);
    const parsed = ids.map((id, i) => parse(id, `ids.${i}`));
    const out = [];
    for (const { typeName, key } of parsed) out.push(await loadNode(ctx, typeName, key));
    return out;
  }
}
