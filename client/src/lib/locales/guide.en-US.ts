import type { guideCodesZhCN, guideSearchZhCN } from "./guide.zh-CN";

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const guideSearchEnUS: Strings<typeof guideSearchZhCN> = {
  searchLabel: "Item name, common name, code or pinyin initials",
  searchPlaceholder: "e.g. 营业执照, 社保, 低保, yyzz",
  corrected: "Nothing found for “{{query}}”; showing results for “{{corrected}}”.",
  alsoSearched: "Also searched: {{words}}",
  noResults: "No items found for “{{query}}”.",
  suggestions: "Try:",
  resultMeta: "{{department}} · {{kind}} · promised in {{limit}} working days",
  where: "Where to apply",
  owner: "Department in charge",
  windowName: "Window {{number}} · {{name}}",
  address: "Address",
  phone: "Enquiries",
  hours: "Office hours",
  workingDays: "Working days (public holidays excepted) {{hours}}",
  periodic: "Periodic office:",
  periodicSlot: "{{weekday}} {{start}}–{{end}}",
  periodicTitle: "Periodic office hours at townships",
  periodicIntro: "The department\u2019s staff come to these township centres on the published days; you can apply there too:",
  delegatedTo: "This item is delegated; you can also apply at these township centres:",
  delegationMode: { PROXY: "relay (forwarded to the city centre)", HANDLE: "handling (decided at the township)" },
  noWindow: "No accepting window yet; please call for advice.",
  flowchart: "Procedure flowchart (办事流程图)",
  flowchartLabel: "Procedure flowchart: {{count}} steps",
  flowStep: "Step {{seq}}",
  flowEndImmediate: "Done on the spot",
  flowEnd: "Done within {{count}} working days (promised)",
  admin: {
    title: "Guide search synonyms",
    intro: "Words citizens use (common names) and the words of item names they stand for, e.g. “营业执照” finds items named “…设立登记”. Pinyin initials are added automatically.",
    term: "Citizens say",
    target: "Find in item names",
    initials: "Pinyin initials",
    add: "Add",
    remove: "Remove",
    removeLabel: "Remove synonym “{{term}} → {{target}}”",
    added: "Synonym “{{term}} → {{target}}” added.",
    removed: "Synonym “{{term}} → {{target}}” removed.",
    none: "No synonyms yet.",
    caption: "Guide search synonyms",
  },
};

export const guideCodesEnUS: Strings<typeof guideCodesZhCN> = {
  SEARCH_SYNONYM_TEXT: "Letters, digits and Chinese characters only; the common name 2–30 characters, the item words 1–60.",
  SEARCH_SYNONYM_DUPLICATE: "This common name already finds these item words.",
  SEARCH_SYNONYM_NOT_FOUND: "No such synonym; it may have been removed already.",
};
