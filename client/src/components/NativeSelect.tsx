import { useTranslation } from "react-i18next";

interface NativeSelectProps {
  id: string;
  label: string;
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  options: { value: string; label: string }[];
  wide?: boolean;
}

/** A labelled browser `<select>` with an "all" choice: light, and usable with any keyboard or reader. */
export function NativeSelect({ id, label, value, onChange, options, wide }: NativeSelectProps) {
  const { t } = useTranslation();
  return (
    <div className="filter-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className={wide ? "native-select wide" : "native-select"}
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value || undefined)}
      >
        <option value="">{t("guide.all")}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
