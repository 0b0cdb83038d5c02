import { useQuery } from "@apollo/client/react";
import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { graphql } from "../gql";
import type { GuideItemQuery } from "../gql/graphql";
import { Page, Section } from "../components/Page";
import { Notice } from "../components/Notice";
import { NotFound, PartialError, RouteState } from "../components/QueryState";
import { ItemDisclosure } from "../features/catalogue/ItemDisclosure";

const GuideItemDocument = graphql(`
  query GuideItem($code: String!) {
    serviceItem(code: $code) {
      id
      code
      name
      level
      category
      active
      department {
        id
        name
      }
      ...ItemDisclosure_item
      acceptingWindows {
        id
        number
        name
        kind
        active
        point {
          id
          name
          level
          address
          phone
          officeHours
        }
        schedules {
          id
          weekday
          startTime
          endTime
          note
          active
        }
      }
      periodicWindows {
        id
        name
        point {
          id
          name
          address
          phone
        }
        schedules {
          id
          weekday
          startTime
          endTime
          note
          active
        }
      }
      delegations {
        id
        mode
        revokedAt
        township {
          id
          name
          address
          phone
          officeHours
        }
      }
    }
  }
`);

type Item = NonNullable<GuideItemQuery["serviceItem"]>;
type Window = Item["acceptingWindows"][number];

/** A telephone number as a link phones can dial. */
function Phone({ phone }: { phone: string | null | undefined }) {
  if (!phone) return <>—</>;
  return <a href={`tel:${phone.replace(/[^\d+]/g, "")}`}>{phone}</a>;
}

/** When a window is open: its published weekly slots (PERIODIC), else the point's hours on working days. */
function Hours({ window }: { window: Window }) {
  const { t } = useTranslation();
  const slots = window.schedules.filter((s) => s.active).sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
  if (window.kind === "PERIODIC" && slots.length) {
    return (
      <>
        {t("guide.search.periodic")}
        <ul className="hours">
          {slots.map((s) => (
            <li key={s.id}>
              {t("guide.search.periodicSlot", { weekday: t(`weekday.${s.weekday}`), start: s.startTime, end: s.endTime })}
              {s.note ? `（${s.note}）` : ""}
            </li>
          ))}
        </ul>
      </>
    );
  }
  return <>{t("guide.search.workingDays", { hours: window.point.officeHours.map((h) => h.replace("-", "–")).join("、") })}</>;
}

/** 定期办公: the department's team at townships on published weekdays (N6), one line per township. */
function PeriodicWindows({ item }: { item: Item }) {
  const { t } = useTranslation();
  const windows = item.periodicWindows.filter((w) => w.schedules.some((s) => s.active));
  if (!windows.length) return null;
  return (
    <>
      <h3 className="place-title">{t("guide.search.periodicTitle")}</h3>
      <p>{t("guide.search.periodicIntro")}</p>
      <ul className="periodic-list">
        {windows.map((w) => {
          const slots = w.schedules.filter((s) => s.active).sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
          const teams = [...new Set(slots.map((s) => s.note).filter(Boolean))];
          return (
            <li key={w.id}>
              <strong>
                {w.point.name} · {w.name}
              </strong>
              ：{slots.map((s) => t("guide.search.periodicSlot", { weekday: t(`weekday.${s.weekday}`), start: s.startTime, end: s.endTime })).join("、")}
              {teams.length > 0 && `（${teams.join("、")}）`}
              {w.point.address && <span className="periodic-contact">{`${t("guide.search.address")}：${w.point.address}`}</span>}
              {w.point.phone && (
                <span className="periodic-contact">
                  {t("guide.search.phone")}：<Phone phone={w.point.phone} />
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** 在哪里办: each point and window that accepts the item, with address, phone and hours; then the townships it is delegated to. */
function WhereToApply({ item }: { item: Item }) {
  const { t } = useTranslation();
  const windows = item.acceptingWindows.filter((w) => w.active);
  const delegations = item.delegations.filter((d) => !d.revokedAt);
  return (
    <Section title={t("guide.search.where")}>
      <dl className="facts">
        <dt>{t("guide.search.owner")}</dt>
        <dd>{item.department.name}</dd>
      </dl>
      {windows.length === 0 && <p>{t("guide.search.noWindow")}</p>}
      <ul className="places">
        {windows.map((w) => (
          <li key={w.id} className="place">
            <h3 className="place-title">{w.point.name}</h3>
            <dl className="facts">
              <dt>{t("window.name")}</dt>
              <dd>{t("guide.search.windowName", { number: w.number, name: w.name })}</dd>
              <dt>{t("guide.search.address")}</dt>
              <dd>{w.point.address ?? "—"}</dd>
              <dt>{t("guide.search.hours")}</dt>
              <dd>
                <Hours window={w} />
              </dd>
              <dt>{t("guide.search.phone")}</dt>
              <dd>
                <Phone phone={w.point.phone} />
              </dd>
            </dl>
          </li>
        ))}
      </ul>
      <PeriodicWindows item={item} />
      {delegations.length > 0 && (
        <>
          <p>{t("guide.search.delegatedTo")}</p>
          <ul className="places">
            {delegations.map((d) => (
              <li key={d.id} className="place">
                <h3 className="place-title">{d.township.name}</h3>
                <dl className="facts">
                  <dt>{t("delegation.mode")}</dt>
                  <dd>{t(`guide.search.delegationMode.${d.mode}`)}</dd>
                  <dt>{t("guide.search.address")}</dt>
                  <dd>{d.township.address ?? "—"}</dd>
                  <dt>{t("guide.search.hours")}</dt>
                  <dd>{t("guide.search.workingDays", { hours: d.township.officeHours.map((h) => h.replace("-", "–")).join("、") })}</dd>
                  <dt>{t("guide.search.phone")}</dt>
                  <dd>
                    <Phone phone={d.township.phone} />
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

/** The printable guide of one item (五公开), public without login: where, when, whom to call, and how it goes. */
export function GuideItemRoute() {
  const { t } = useTranslation();
  const { code = "" } = useParams();
  const { data, loading, error } = useQuery(GuideItemDocument, { variables: { code }, errorPolicy: "all" });
  const item = data?.serviceItem;

  if (!data) return <RouteState title={t("guide.itemTitle")} loading={loading} error={error} />;
  if (!item) return <NotFound title={t("guide.itemTitle")} />;

  return (
    <Page
      title={item.name}
      subtitle={`${t("item.code")}：${item.code} · ${t(`enums.ItemLevel.${item.level}`)} · ${item.category}`}
      actions={
        <button type="button" className="button" onClick={() => window.print()}>
          {t("guide.print")}
        </button>
      }
    >
      <div className="guide-item">
        <PartialError error={error} />
        {!item.active && <Notice type="warning" title={t("guide.inactive")} className="partial-error" />}
        <WhereToApply item={item} />
        <ItemDisclosure item={item} />
      </div>
    </Page>
  );
}
