import { SimpleTable } from "../../components/SimpleTable";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql, getFragmentData, type FragmentType } from "../../gql";
import { formatDate } from "../../lib/format";

export const DelegationsTableFragment = graphql(`
  fragment DelegationsTable_delegation on ItemDelegation {
    id
    mode
    effectiveFrom
    revokedAt
    revokeReason
    item {
      id
      code
      name
    }
    township {
      id
      code
      name
    }
  }
`);

/** 事项下放: which city items are handed down to which townships, and how. */
export function DelegationsTable(props: {
  delegations: FragmentType<typeof DelegationsTableFragment>[];
  show: "item" | "township";
}) {
  const { t } = useTranslation();
  const delegations = getFragmentData(DelegationsTableFragment, props.delegations);
  type Delegation = (typeof delegations)[number];
  if (!delegations.length) return <p>{t("delegation.none")}</p>;
  return (
    <SimpleTable
      rows={delegations}
      rowKey={(d) => d.id}
      columns={[
        props.show === "item"
          ? {
              key: "item",
              title: t("delegation.item"),
              render: (d: Delegation) => <Link to={`/guide/${encodeURIComponent(d.item.code)}`}>{d.item.name}</Link>,
            }
          : {
              key: "township",
              title: t("delegation.township"),
              render: (d: Delegation) => <Link to={`/points/${encodeURIComponent(d.township.code)}`}>{d.township.name}</Link>,
            },
        { key: "mode", title: t("delegation.mode"), render: (d) => t(`enums.DelegationMode.${d.mode}`) },
        { key: "from", title: t("delegation.effectiveFrom"), render: (d) => formatDate(d.effectiveFrom) },
        {
          key: "status",
          title: t("delegation.status"),
          render: (d) =>
            d.revokedAt
              ? t("delegation.revokedOn", { date: formatDate(d.revokedAt), reason: d.revokeReason ?? "—" })
              : t("delegation.inForce"),
        },
      ]}
    />
  );
}
