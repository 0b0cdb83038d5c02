import { useTranslation } from "react-i18next";

export interface PartyView {
  seq: number;
  role: "APPLICANT" | "AGENT";
  kind: "PERSON" | "ENTERPRISE";
  name: string;
  identifier: string;
  legalRepresentative?: string | null;
  phone?: string | null;
  actsForName?: string | null;
}

/** The applicants and agents of a case, masked as the server sends them (one line each). */
export function CaseParties({ parties, fallback }: { parties: readonly PartyView[]; fallback: { name: string; idNumber: string; phone: string } }) {
  const { t } = useTranslation();
  // A single person applicant: the line as it always was.
  if (parties.length <= 1 && (parties[0]?.kind ?? "PERSON") === "PERSON") return <>{`${fallback.name} · ${fallback.idNumber} · ${fallback.phone}`}</>;
  return (
    <ul className="case-parties">
      {parties.map((p) => (
        <li key={p.seq}>
          <span className="case-muted">{p.role === "AGENT" ? t("search.parties.AGENT") : p.kind === "ENTERPRISE" ? t("search.parties.ENTERPRISE") : t("search.parties.APPLICANT")}：</span>
          {[p.name, p.identifier, p.phone].filter(Boolean).join(" · ")}
          {p.legalRepresentative && `（${t("search.parties.legalRepresentativeOf", { name: p.legalRepresentative })}）`}
          {p.actsForName && `（${t("search.parties.actsFor", { name: p.actsForName })}）`}
        </li>
      ))}
    </ul>
  );
}
