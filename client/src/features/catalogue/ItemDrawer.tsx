import { useQuery } from "@apollo/client/react";
import { Drawer, Typography } from "antd";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../../gql";
import { QueryState } from "../../components/QueryState";
import { AssignWindowForm } from "./AssignWindowForm";
import { DelegationEditor } from "./DelegationEditor";
import { MaterialsEditor } from "./MaterialsEditor";
import { GuideHistory } from "./GuideHistory";

const AdminItemDetailDocument = graphql(`
  query AdminItemDetail($code: String!) {
    serviceItem(code: $code) {
      id
      code
      name
      level
      materials {
        id
        seq
        name
        description
        originals
        copies
        required
        active
      }
      acceptingWindows {
        id
        code
        name
        point {
          id
          name
        }
      }
      delegations {
        id
        mode
        effectiveFrom
        revokedAt
        revokeReason
        township {
          id
          code
          name
        }
      }
    }
    serviceWindows(first: 100) {
      nodes {
        id
        code
        name
        active
        point {
          id
          name
        }
      }
    }
  }
`);

/** Everything an admin changes around one item besides its own fields: materials, windows, delegations. */
export function ItemDrawer({ code, onClose }: { code: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { data, loading, error } = useQuery(AdminItemDetailDocument, {
    variables: { code: code ?? "" },
    skip: !code,
  });
  const item = data?.serviceItem;
  const windows = (data?.serviceWindows.nodes ?? [])
    .filter((w) => w.active)
    .map((w) => ({ value: w.code, label: `${w.code} ${w.name}（${w.point.name}）` }));

  return (
    <Drawer
      title={item ? `${item.code} ${item.name}` : t("admin.items.details")}
      open={!!code}
      onClose={onClose}
      size="large"
      destroyOnHidden
    >
      {!item ? (
        <QueryState loading={loading} error={error} />
      ) : (
        <>
          <Typography.Title level={3} className="section-title">
            {t("guide.disclosure.materials")}
          </Typography.Title>
          <MaterialsEditor itemCode={item.code} materials={item.materials} />
          <Typography.Title level={3} className="section-title">
            {t("adminScreens.guideHistory.title")}
          </Typography.Title>
          <GuideHistory itemCode={item.code} />
          <Typography.Title level={3} className="section-title">
            {t("guide.acceptingWindows")}
          </Typography.Title>
          <ul>
            {item.acceptingWindows.map((w) => (
              <li key={w.id}>
                <Link to={`/windows/${encodeURIComponent(w.code)}`}>{`${w.code} ${w.name}（${w.point.name}）`}</Link>
              </li>
            ))}
          </ul>
          <AssignWindowForm itemCode={item.code} windows={windows} />
          {item.level === "CITY" && (
            <>
              <Typography.Title level={3} className="section-title">
                {t("guide.delegations")}
              </Typography.Title>
              <DelegationEditor itemCode={item.code} delegations={item.delegations} />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
