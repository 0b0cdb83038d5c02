import { useEffect, useState } from "react";
import { useQuery } from "@apollo/client/react";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import { graphql } from "../../../gql";

const IntakeWindowItemsDocument = graphql(`
  query IntakeWindowItems($code: String!) {
    serviceWindow(code: $code) {
      id
      items {
        id
        code
        name
        active
      }
    }
  }
`);

const IntakeItemSearchDocument = graphql(`
  query IntakeItemSearch($search: String, $first: Int!) {
    serviceItems(search: $search, first: $first) {
      nodes {
        id
        code
        name
        level
      }
    }
  }
`);

interface ItemPickerProps {
  id?: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  /** A window offers its own items; a village or township searches the whole catalogue. */
  windowCode?: string;
}

const label = (i: { code: string; name: string }) => `${i.name}（${i.code}）`;

/** Choose the item applied for, by name or code. */
export function ItemPicker({ id, value, onChange, windowCode }: ItemPickerProps) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const [search, setSearch] = useState("");
  // Searching the catalogue waits for a pause in typing: one request, not one per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const windowItems = useQuery(IntakeWindowItemsDocument, { variables: { code: windowCode ?? "" }, skip: !windowCode });
  const found = useQuery(IntakeItemSearchDocument, { variables: { search: search || undefined, first: 20 }, skip: !!windowCode });

  const listed = windowCode
    ? (windowItems.data?.serviceWindow?.items ?? []).filter((i) => i.active).map((i) => ({ value: i.code, label: label(i) }))
    : ((found.data ?? found.previousData)?.serviceItems.nodes ?? []).map((i) => ({
        value: i.code,
        label: `${label(i)} · ${t(`enums.ItemLevel.${i.level}`)}`,
      }));
  // The chosen item keeps its name after the search moves on to other words.
  const [picked, setPicked] = useState<{ value: string; label: string }>();
  const options = picked && picked.value === value && !listed.some((o) => o.value === value) ? [picked, ...listed] : listed;

  return (
    <Select
      id={id}
      value={value}
      onChange={(code: string | undefined) => {
        setPicked(options.find((o) => o.value === code));
        onChange?.(code);
      }}
      options={options}
      placeholder={t("cases.intake.itemPlaceholder")}
      loading={windowItems.loading || found.loading}
      notFoundContent={t("item.none")}
      allowClear
      showSearch={windowCode ? { optionFilterProp: "label" } : { filterOption: false, onSearch: setTyped }}
      className="filter-select wide"
    />
  );
}
