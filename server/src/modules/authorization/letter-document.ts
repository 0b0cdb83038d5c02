import { render } from "../../common/messages";
import { In } from "typeorm";
import type { RequestContext } from "../../common/context";
import { Department } from "../catalogue/department.entity";
import { ServiceItem } from "../catalogue/service-item.entity";
import { renderLetter } from "../documents/paper";
import { ROLE_LABEL } from "../staff/role";
import { Staff } from "../staff/staff.entity";
import { ApprovalSeal, AuthorizationLetter, AuthorizationLetterItem } from "./authorization.entity";
import { mayReadLetter } from "./authorization.rules";

export type LetterAnswer = { status: 200; file: Buffer; fileName: string } | { status: 401 | 403 | 404; message: string };

/** The authorization letter itself (A1) as a PDF, for those who may read it. */
export async function letterDocument(ctx: RequestContext, id: number): Promise<LetterAnswer> {
  if (ctx.actor.kind !== "staff") return { status: 401, message: render("UNAUTHENTICATED", {}, ctx.language) };
  const em = ctx.db.manager;
  const letter = await em.getRepository(AuthorizationLetter).findOneBy({ id });
  if (!letter) return { status: 404, message: render("LETTER_NOT_FOUND", { id }, ctx.language) };
  if (!mayReadLetter(ctx.actor.staff, letter)) return { status: 403, message: render("LETTER_NOT_READABLE", {}, ctx.language) };
  const [department, grantor, holder, seal, links] = await Promise.all([
    em.getRepository(Department).findOneByOrFail({ id: letter.departmentId }),
    em.getRepository(Staff).findOneByOrFail({ id: letter.grantorId }),
    em.getRepository(Staff).findOneByOrFail({ id: letter.holderId }),
    em.getRepository(ApprovalSeal).findOneByOrFail({ id: letter.sealId }),
    em.getRepository(AuthorizationLetterItem).findBy({ letterId: letter.id }),
  ]);
  const items = links.length ? await em.getRepository(ServiceItem).find({ where: { id: In(links.map((l) => l.itemId)) }, order: { code: "ASC" } }) : [];
  const file = await renderLetter({
    number: letter.number,
    departmentName: department.name,
    grantorName: grantor.displayName,
    holderName: holder.displayName,
    holderRole: ROLE_LABEL[holder.role],
    allItems: letter.allItems,
    items: items.map((i) => ({ code: i.code, name: i.name })),
    validFrom: letter.validFrom,
    validTo: letter.validTo,
    sealCode: seal.code,
    sealName: seal.name,
    issuedAt: letter.issuedAt,
    revokedAt: letter.revokedAt,
    revokeReason: letter.revokeReason,
    printedAt: ctx.clock.now(),
  });
  return { status: 200, file, fileName: `letter-${letter.number.replace(/[^0-9A-Za-z_-]/g, "_")}.pdf` };
}
