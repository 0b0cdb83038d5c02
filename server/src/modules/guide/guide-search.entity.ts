import { DB_ID_FIELD, Node } from "../../common/node-id";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from "typeorm";

/**
 * The guide's search text of one item (search-text.ts): its name and code as tokens, and the pinyin
 * initials of its name. Full-text indexed: SQLite FTS5 `item_search_fts` (kept by triggers), PostgreSQL GIN on
 * `to_tsvector('simple', …)` (migrations). Written by guide-search.service whenever an item is created or renamed.
 */
@Entity("item_search")
@Index("IDX_item_search_text_fts", { synchronize: false })
@Index("IDX_item_search_initials_fts", { synchronize: false })
export class ItemSearchEntry {
  @PrimaryColumn({ type: "integer" })
  itemId: number;

  @Column({ type: "text" })
  text: string;

  @Column({ type: "text" })
  initials: string;
}

/**
 * 同义词 / 俗称: a word citizens type (营业执照, 社保) and what to search for it (设立登记, 社会保险), kept by the
 * centre's admin. A word may have several targets (one row each).
 */
@ObjectType({ implements: Node, description: "A word citizens type for the guide search (俗称, e.g. 营业执照) and what it finds (e.g. 设立登记)." })
@Entity("search_synonym")
@Unique("UQ_search_synonym_term_target", ["term", "target"])
export class SearchSynonym {
  @Field(() => ID, DB_ID_FIELD)
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "What citizens type, folded (e.g. 营业执照, 社保)." })
  @Column({ type: "varchar", length: 30 })
  term: string;

  @Field({ description: "Pinyin initials of the term (e.g. yyzz), also searched." })
  @Index()
  @Column({ type: "varchar", length: 30 })
  initials: string;

  @Field({ description: "What the term finds: words of item names (e.g. 设立登记)." })
  @Column({ type: "varchar", length: 60 })
  target: string;
}
