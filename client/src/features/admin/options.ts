import { createContext, useContext } from "react";

export interface Option {
  value: string;
  label: string;
}

/** Choices the admin forms share: points with windows, townships, departments. */
export interface AdminOptions {
  points: Option[];
  townships: Option[];
  departments: Option[];
}

export const AdminOptionsContext = createContext<AdminOptions>({ points: [], townships: [], departments: [] });

export function useAdminOptions(): AdminOptions {
  return useContext(AdminOptionsContext);
}
