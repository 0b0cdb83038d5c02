import { Arg, Args, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { MaxLength } from "class-validator";
import { Allow } from "../../common/access";
import type { RequestContext } from "../../common/context";
import type { Page } from "../../common/pagination";
import { toPayload, UserError } from "../../common/payload";
import { ItemSearchArgs } from "../catalogue/catalogue.inputs";
import { ServiceItemConnection } from "../catalogue/catalogue.payloads";
import { catalogueService } from "../catalogue/catalogue.service";
import type { ServiceItem } from "../catalogue/service-item.entity";
import { SearchSynonym } from "./guide-search.entity";
import { guideSearchService } from "./guide-search.service";

@ObjectType({ description: "The public guide's search (G2): the items found, and how the words typed were understood." })
export class GuideSearchResult {
  @Field(() => ServiceItemConnection, { description: "The items found, best match first." }) items: Page<ServiceItem>;
  @Field({ description: "The query as searched (folded: full-width to half-width, lower case, punctuation dropped)." })
  query: string;
  @Field(() => [String], { description: "What the admin's synonyms added to the search (营业执照 → 设立登记)." })
  synonyms: string[];
  @Field(() => String, { nullable: true, description: "The word searched instead when the query was a typo of it and found nothing." })
  correctedTo: string | null;
  @Field(() => [String], { description: "Words to try, when nothing was found." })
  suggestions: string[];
}

@InputType({ description: "A word citizens type and what it finds." })
export class AddSearchSynonymInput {
  @Field({ description: "What citizens type (俗称), e.g. 营业执照: letters, digits, Han characters, 2–30." })
  @MaxLength(30)
  term: string;

  @Field({ description: "What it finds: words of item names, e.g. 设立登记, 1–60." })
  @MaxLength(60)
  target: string;
}

@ObjectType({ description: "Result of a change to the guide's synonyms." })
export class SearchSynonymPayload {
  @Field(() => SearchSynonym, { description: "The synonym as stored; null when refused.", nullable: true }) synonym: SearchSynonym | null;
  @Field(() => [UserError], { description: "Why nothing was done, one entry per broken rule; empty when it was done." }) userErrors: UserError[];
}

@Resolver()
export class GuideSearchResolver {
  @Allow("PUBLIC")
  @Query(() => GuideSearchResult, {
    description: "The public guide: items by name, code, category, common names (synonyms) or pinyin initials; a typo is corrected, and words are suggested when nothing is found.",
  })
  guideSearch(@Ctx() ctx: RequestContext, @Args() args: ItemSearchArgs) {
    return catalogueService.guideSearch(ctx, args);
  }

  @Allow("PUBLIC")
  @Query(() => [SearchSynonym], { description: "The guide search's synonyms (common names), by term." })
  searchSynonyms(@Ctx() ctx: RequestContext) {
    return guideSearchService.listSynonyms(ctx);
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => SearchSynonymPayload, { description: "Let a common name find items (营业执照 → 设立登记)." })
  addSearchSynonym(@Ctx() ctx: RequestContext, @Arg("input", { description: "What to do, in one input object (described by its type)." }) input: AddSearchSynonymInput) {
    return toPayload("synonym", () => guideSearchService.addSynonym(ctx, input));
  }

  @Allow("CENTER_ADMIN")
  @Mutation(() => SearchSynonymPayload, { description: "Remove a synonym; the removal is audited." })
  removeSearchSynonym(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The synonym (`SearchSynonym.id`)." }) id: string) {
    return toPayload("synonym", () => guideSearchService.removeSynonym(ctx, id));
  }
}
