import { useQuery } from "@apollo/client/react";
import { Flex, Input } from "antd";
import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { ItemLevel } from "../gql/graphql";
import { Page } from "../components/Page";
import { NativeSelect } from "../components/NativeSelect";
import { LoadMore } from "../components/LoadMore";
import { PartialError, QueryState } from "../components/QueryState";
import { ItemsTable } from "../features/catalogue/ItemsTable";

const GuideItemsDocument = graphql(`
  query GuideItems(
    $first: Int!
    $after: String
    $search: String
    $level: ItemLevel
    $category: String
    $departmentCode: String
  ) {
    serviceItems(
      first: $first
      after: $after
      search: $search
      level: $level
      category: $category
      departmentCode: $departmentCode
    ) {
      nodes {
        ...ItemsTable_item
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
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

/** 办事指南: the public catalogue, searchable by name or code, no login needed (G2). */
export function GuideRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const level = (LEVELS as string[]).includes(params.get("level") ?? "") ? (params.get("level") as ItemLevel) : undefined;
  const category = params.get("category") ?? undefined;
  const departmentCode = params.get("department") ?? undefined;

  const filters = useQuery(GuideFiltersDocument);
  const { data, previousData, loading, error, fetchMore } = useQuery(GuideItemsDocument, {
    variables: { first: PAGE, search: search || undefined, level, category, departmentCode },
    errorPolicy: "all",
  });
  const items = (data ?? previousData)?.serviceItems;

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === "level") next.delete("category");
    setParams(next, { replace: true });
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
      <div role="search" aria-label={t("guide.searchRegion")} className="guide-search no-print">
        <div className="filter-field guide-q">
          <label htmlFor="guide-q">{t("guide.searchLabel")}</label>
          <Input.Search
            id="guide-q"
            key={search}
            defaultValue={search}
            placeholder={t("guide.searchPlaceholder")}
            enterButton={t("guide.searchButton")}
            onSearch={(value) => setParam("q", value.trim() || undefined)}
          />
        </div>
        <Flex wrap gap="middle" className="guide-filters">
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
        </Flex>
      </div>
      {!items ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <PartialError error={error} />
          <ItemsTable items={items.nodes} showDepartment caption={t("guide.results")} />
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
