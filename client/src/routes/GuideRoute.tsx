import { useQuery } from "@apollo/client/react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { ItemLevel } from "../gql/graphql";
import { Page } from "../components/Page";
import { NativeSelect } from "../components/NativeSelect";
import { LoadMore } from "../components/LoadMore";
import { PartialError, QueryState } from "../components/QueryState";

const GuideSearchDocument = graphql(`
  query GuideSearch(
    $first: Int!
    $after: String
    $search: String
    $level: ItemLevel
    $category: String
    $departmentCode: String
  ) {
    guideSearch(
      first: $first
      after: $after
      search: $search
      level: $level
      category: $category
      departmentCode: $departmentCode
    ) {
      query
      synonyms
      correctedTo
      suggestions
      items {
        nodes {
          id
          code
          name
          level
          category
          defaultKind
          promisedLimitDays
          department {
            id
            name
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
        totalCount
      }
    }
  }
`);

const GuideFiltersDocument = graphql(`
  query GuideFilters {
    departments(first: 100) {
      nodes {
        id
        code
        name
      }
    }
    networkSummary {
      itemsByCategory {
        level
        category
      }
    }
  }
`);

const PAGE = 20;
const LEVELS: ItemLevel[] = ["CITY", "TOWNSHIP"];

/** Grey blocks the size of result rows, so the page does not jump when results arrive. */
function ResultsSkeleton() {
  return (
    <ol className="guide-results" aria-hidden>
      {Array.from({ length: 8 }, (_, i) => (
        <li key={i} className="guide-result skeleton">
          <span className="skeleton-line wide" />
          <span className="skeleton-line" />
        </li>
      ))}
    </ol>
  );
}

/**
 * 办事指南: the public catalogue, no login needed (G2). The search understands common names (营业执照, 社保), pinyin
 * initials and typos (the server's guideSearch); no antd here, so that the page is light on phones and village PCs.
 */
export function GuideRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const level = (LEVELS as string[]).includes(params.get("level") ?? "") ? (params.get("level") as ItemLevel) : undefined;
  const category = params.get("category") ?? undefined;
  const departmentCode = params.get("department") ?? undefined;

  const filters = useQuery(GuideFiltersDocument);
  const { data, previousData, loading, error, fetchMore } = useQuery(GuideSearchDocument, {
    variables: { first: PAGE, search: search || undefined, level, category, departmentCode },
    errorPolicy: "all",
  });
  const result = (data ?? previousData)?.guideSearch;
  const items = result?.items;

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === "level") next.delete("category");
    setParams(next, { replace: key !== "q" });
  };

  const categories = [
    ...new Set(
      (filters.data?.networkSummary.itemsByCategory ?? [])
        .filter((c) => !level || c.level === level)
        .map((c) => c.category),
    ),
  ];

  return (
    <Page title={t("guide.title")} subtitle={t("guide.subtitle")}>
      <div className="guide-search no-print">
        <form
          role="search"
          aria-label={t("guide.searchRegion")}
          className="guide-q"
          onSubmit={(event) => {
            event.preventDefault();
            const value = new FormData(event.currentTarget).get("q");
            setParam("q", typeof value === "string" && value.trim() ? value.trim() : undefined);
          }}
        >
          <label htmlFor="guide-q">{t("guide.search.searchLabel")}</label>
          <div className="search-row">
            <input
              id="guide-q"
              name="q"
              type="search"
              key={search}
              defaultValue={search}
              maxLength={50}
              autoComplete="off"
              enterKeyHint="search"
              placeholder={t("guide.search.searchPlaceholder")}
              className="text-input"
            />
            <button type="submit" className="button primary">
              {t("guide.searchButton")}
            </button>
          </div>
        </form>
        <div className="guide-filters">
          <NativeSelect
            id="guide-level"
            label={t("item.level")}
            value={level}
            onChange={(v) => setParam("level", v)}
            options={LEVELS.map((l) => ({ value: l, label: t(`enums.ItemLevel.${l}`) }))}
          />
          <NativeSelect
            id="guide-category"
            label={t("item.category")}
            value={category}
            onChange={(v) => setParam("category", v)}
            options={categories.map((c) => ({ value: c, label: c }))}
          />
          <NativeSelect
            id="guide-department"
            label={t("item.department")}
            value={departmentCode}
            wide
            onChange={(v) => setParam("department", v)}
            options={(filters.data?.departments.nodes ?? []).map((d) => ({ value: d.code, label: d.name }))}
          />
        </div>
      </div>
      <div className="guide-answer" aria-live="polite">
        {result?.correctedTo && <p className="guide-note">{t("guide.search.corrected", { query: search, corrected: result.correctedTo })}</p>}
        {result && result.synonyms.length > 0 && <p className="guide-note">{t("guide.search.alsoSearched", { words: result.synonyms.join("、") })}</p>}
        {items && items.totalCount === 0 && search && (
          <div className="guide-empty">
            <p>{t("guide.search.noResults", { query: search })}</p>
            {result.suggestions.length > 0 && (
              <p>
                {t("guide.search.suggestions")}
                {result.suggestions.map((word, i) => (
                  <span key={word}>
                    {i > 0 && "、"}
                    <Link to={`/guide?q=${encodeURIComponent(word)}`}>{word}</Link>
                  </span>
                ))}
              </p>
            )}
          </div>
        )}
      </div>
      {!items ? (
        error ? <QueryState loading={loading} error={error} /> : <ResultsSkeleton />
      ) : (
        <>
          <PartialError error={error} />
          <h2 className="visually-hidden">{t("guide.results")}</h2>
          <ol className="guide-results">
            {items.nodes.map((item) => (
              <li key={item.id} className="guide-result">
                <Link to={`/guide/${encodeURIComponent(item.code)}`} className="guide-result-name">
                  {item.name}
                </Link>
                <span className="guide-result-meta">
                  {item.code} · {t(`enums.ItemLevel.${item.level}`)} ·{" "}
                  {t("guide.search.resultMeta", {
                    department: item.department.name,
                    kind: t(`enums.CaseKind.${item.defaultKind}`),
                    limit: item.promisedLimitDays,
                  })}
                </span>
              </li>
            ))}
          </ol>
          <LoadMore
            shown={items.nodes.length}
            total={items.totalCount}
            hasNextPage={items.pageInfo.hasNextPage}
            onLoadMore={() => fetchMore({ variables: { after: items.pageInfo.endCursor } })}
          />
        </>
      )}
    </Page>
  );
}
