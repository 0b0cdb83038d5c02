import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { toGlobalId } from "../../common/node-id";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import { toPayload } from "../../common/payload";
import { UpdateMaterialInput } from "./catalogue.inputs";
import { MaterialPayload } from "./catalogue.payloads";
import { catalogueService } from "./catalogue.service";
import { GuideMaterialSnapshot, GuideVersion } from "./guide-version.entity";
import { ServiceItem } from "./service-item.entity";

/** The published guide's versions (G2) for the centre admin, and editing a material (a new version). */
@Resolver(() => ServiceItem)
export class GuideHistoryResolver {
  @Allow("CENTER_ADMIN")
  @FieldResolver(() => [GuideVersion], { description: "Every version of the item's published guide, newest first (empty until its first change)." })
  guideHistory(@Root() item: ServiceItem, @Ctx() ctx: RequestContext) {
    return ctx.db.manager.getRepository(GuideVersion).find({ where: { itemId: item.id }, order: { version: "DESC" } });
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => MaterialPayload, { description: "Edit a required document of an item's published list (same document, new wording or counts); the guide gets a new version." })
  updateMaterial(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: UpdateMaterialInput) {
    return toPayload("material", () => catalogueService.updateMaterial(ctx, input));
  }
}

@Resolver(() => GuideVersion)
export class GuideVersionResolver {
  @FieldResolver(() => String, { description: "The item's name in this version." })
  name(@Root() v: GuideVersion) {
    return v.guide.name;
  }

  @FieldResolver(() => String, { description: "服务内容 in this version." })
  content(@Root() v: GuideVersion) {
    return v.guide.content;
  }

  @FieldResolver(() => Int, { description: "The promised time limit in this version, in working days." })
  promisedLimitDays(@Root() v: GuideVersion) {
    return v.guide.promisedLimitDays;
  }

  @FieldResolver(() => Int, { description: "The legal time limit in this version, in working days." })
  legalLimitDays(@Root() v: GuideVersion) {
    return v.guide.legalLimitDays;
  }

  @FieldResolver(() => [GuideMaterialSnapshot], { description: "申报材料 as published in this version." })
  materials(@Root() v: GuideVersion) {
    return v.guide.materials;
  }
}

@Resolver(() => GuideMaterialSnapshot)
export class GuideMaterialSnapshotResolver {
  @FieldResolver(() => ID, {
    name: "id",
    description: "The material's global ID (`Material.id`): the same material in every version of the guide; `node(id:)` gives it as it is now. Not unique across versions: a version's list is keyed by it.",
  })
  materialGlobalId(@Root() m: GuideMaterialSnapshot): string {
    return toGlobalId("Material", m.id);
  }
}
