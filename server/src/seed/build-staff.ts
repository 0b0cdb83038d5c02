import type { Department } from "../modules/catalogue/department.entity";
import type { ServicePoint } from "../modules/network/service-point.entity";
import type { ServiceWindow } from "../modules/network/service-window.entity";
import { Role } from "../modules/staff/role";
import type { TownshipWindows } from "./build-network";
import { GIVEN_CHARS, MOBILE_PREFIXES, SURNAMES } from "./data/names";
import { Prng, pad } from "./prng";
import { PointLevels, WindowKinds, type Row, type StaffRow } from "./types";

/** Deterministic, unique Chinese names and mobile numbers. */
class People {
  private readonly names = new Set<string>();
  private readonly phones = new Set<string>();

  constructor(private readonly prng: Prng) {}

  name(): string {
    for (;;) {
      // A power above one biases the draw towards the common surnames at the front of the list.
      const surname = SURNAMES[Math.floor(this.prng.next() ** 1.5 * SURNAMES.length)];
      const chars = this.prng.pick(GIVEN_CHARS);
      const given = this.prng.pick(chars) + (this.prng.chance(0.75) ? this.prng.pick(chars) : "");
      const name = surname + given;
      if (given[0] !== given[1] && !this.names.has(name)) {
        this.names.add(name);
        return name;
      }
    }
  }

  phone(): string {
    for (;;) {
      const phone = this.prng.pick(MOBILE_PREFIXES) + pad(this.prng.int(0, 99_999_999), 8);
      if (!this.phones.has(phone)) {
        this.phones.add(phone);
        return phone;
      }
    }
  }
}

/**
 * admin and supervisor; a clerk per city window (c01…, the FINANCE clerk included); director, deputy
 * and section chief per department; a clerk per township (t01…) at its AGENCY window; an agent per village;
 * a finance clerk per township (t01f…) at its FINANCE window (added last, so earlier ids stay as they were).
 */
export function buildStaff(
  prng: Prng,
  points: Row<ServicePoint>[],
  departments: Row<Department>[],
  cityWindows: Row<ServiceWindow>[],
  townships: TownshipWindows[],
): StaffRow[] {
  const people = new People(prng);
  const rows: StaffRow[] = [];
  const add = (username: string, role: Role, pointId: number, windowId: number | null, departmentId: number | null) =>
    rows.push({ id: rows.length + 1, username, displayName: people.name(), role, pointId, windowId, departmentId, phone: people.phone(), active: true, mustChangePassword: false });

  add("admin", Role.CENTER_ADMIN, 1, null, null);
  add("supervisor", Role.SUPERVISOR, 1, null, null);
  for (const window of cityWindows) {
    const role = window.kind === WindowKinds.FINANCE ? Role.FINANCE_CLERK : Role.WINDOW_CLERK;
    add(window.code.toLowerCase(), role, window.pointId, window.id, null);
  }
  for (const department of departments) {
    const prefix = department.code.toLowerCase();
    add(`${prefix}.director`, Role.DIRECTOR, 1, null, department.id);
    add(`${prefix}.deputy`, Role.DEPUTY_DIRECTOR, 1, null, department.id);
    add(`${prefix}.chief`, Role.SECTION_CHIEF, 1, null, department.id);
  }
  townships.forEach((township, t) => add(`t${pad(t + 1, 2)}`, Role.TOWNSHIP_CLERK, township.townshipId, township.agencyId, null));
  for (const point of points) {
    if (point.level === PointLevels.VILLAGE) add(`v${point.code}`, Role.VILLAGE_AGENT, point.id, null, null);
  }
  townships.forEach((township, t) => add(`t${pad(t + 1, 2)}f`, Role.FINANCE_CLERK, township.townshipId, township.financeId, null));
  return rows;
}
