import { CaseKind, ItemLevel } from "../modules/catalogue/enums";
import type { Material, ProcedureStep } from "../modules/catalogue/service-item.entity";
import type { CatalogueEntry } from "./build-catalogue";
import { DEPARTMENTS, approvalSectionOf, type Profile } from "./data/departments";
import { FILLERS, FORM_NAME, IDENTITY, type MaterialTemplate } from "./data/guide";
import type { Prng } from "./prng";
import type { Row } from "./types";

const SUBJECT: Record<Profile, string> = {
  person: "公民",
  enterprise: "企业、个体工商户等市场主体",
  project: "建设单位",
  property: "不动产权利人",
};

const shortNameOf = (code: string) => DEPARTMENTS.find((department) => department.code === code)!.shortName;

function profileOf(entry: CatalogueEntry): Profile {
  return entry.spec.profile ?? (entry.item.level === ItemLevel.TOWNSHIP ? "person" : entry.department.profile);
}

/** The deputy who decides under the authorization letter, by the kind of unit. */
function deputyOf(shortName: string): string {
  if (shortName.endsWith("中心")) return "分管副主任";
  if (shortName.endsWith("大队")) return "分管副大队长";
  if (shortName.endsWith("公司")) return "分管副经理";
  if (shortName === "残联") return "分管副理事长";
  return "分管副局长";
}

/** 服务内容: what the item provides and how it is handled, in two sentences. */
export function itemContent(entry: CatalogueEntry): string {
  const { item, spec, department } = entry;
  // "残疾人证办理（初审）" reads "办理残疾人证（初审）", not "办理残疾人证办理".
  const service = item.name.replace(/办理(（[^）]*）)?$/, "$1");
  const first = item.level === ItemLevel.TOWNSHIP
    ? `由乡镇便民服务中心${entry.windowName}为辖区群众办理${service}，村级代办员可无偿代为申请。`
    : `依申请为${SUBJECT[profileOf(entry)]}办理${service}。`;
  switch (spec.kind) {
    case CaseKind.IMMEDIATE:
      return first + "材料齐全、符合法定形式的，窗口当场办结。";
    case CaseKind.JOINT:
      return first + `由${department.shortName}牵头一门受理，抄告${spec.coDepartments.map(shortNameOf).join("、")}同步审批，限时办结。`;
    case CaseKind.REPORTED_UP:
      return first + `窗口受理并初审后报${item.higherAuthority}审批，收到批复后及时告知申请人。`;
    default:
      return first + (spec.survey ? "受理后经审查和现场踏勘，在承诺时限内作出决定。" : "受理后经审查，在承诺时限内作出决定。");
  }
}

/** Originals and copies follow from what a document is: forms are handed in, certificates shown and returned. */
function shapeOf(name: string): { originals: number; copies: number } {
  if (/照片$/.test(name)) return { originals: 2, copies: 0 };
  if (/(申请书|委托书|承诺书|声明书|建议书|协议书|声明|报告|方案|说明|意见|清单|名册|名单|决议|计划|协议|章程|章程草案|制度|预算|文本|表|单|图)$/.test(name)) {
    return { originals: 1, copies: 0 };
  }
  return { originals: 0, copies: 1 };
}

function describe(template: MaterialTemplate, itemName: string, isForm: boolean, originals: number): string | null {
  if (template.description) return template.description;
  if (isForm) {
    const title = template.name.startsWith("不动产") ? template.name : itemName.replace(/（[^）]*）$/, "") + template.name;
    return `《${title}》，可在窗口领取或从湖北政务服务网下载，由申请人签字（单位加盖公章）`;
  }
  if (/照片$/.test(template.name)) return "近期二寸白底免冠彩色照片";
  if (originals === 0) return "原件核验后当场退还，留存复印件一份";
  return null;
}

/** 2–6 materials per item: the form, the applicant's identity, the item's own documents, then fillers. */
export function buildMaterials(prng: Prng, entries: CatalogueEntry[]): Row<Material>[] {
  const rows: Row<Material>[] = [];
  for (const entry of entries) {
    const profile = profileOf(entry);
    const list: MaterialTemplate[] = [{ name: FORM_NAME[profile] }, { name: IDENTITY[profile] }].filter(({ name }) => !entry.spec.without.includes(name));
    const has = (name: string) => list.some((material) => material.name === name);
    for (const name of entry.spec.materials) if (!has(name)) list.push({ name });
    if (list.length > 6) throw new Error(`${entry.item.code} lists more than six materials`);
    const target = Math.max(list.length, prng.int(2, 6));
    for (const filler of prng.shuffle(FILLERS[profile])) {
      if (list.length >= target) break;
      if (!has(filler.name)) list.push(filler);
    }
    list.forEach((template, i) => {
      const { originals, copies } = shapeOf(template.name);
      rows.push({
        id: rows.length + 1,
        itemId: entry.item.id,
        seq: i + 1,
        name: template.name,
        description: describe(template, entry.item.name, i === 0, originals),
        originals,
        copies,
        required: template.required ?? true,
        active: true,
      });
    });
  }
  return rows;
}

function cityProcedure(entry: CatalogueEntry): [string, string][] {
  const { item, spec, department } = entry;
  const section = approvalSectionOf(department);
  const intake: [string, string] = ["受理", `${entry.windowName}受理人员核验申请材料，材料齐全、符合法定形式的出具受理通知书；材料不全的一次性告知需补正的全部内容`];
  const survey: [string, string][] = spec.survey ? [["现场踏勘", `${section}组织人员现场核查，形成踏勘记录`]] : [];
  const deputy = deputyOf(department.shortName);
  const decide: [string, string] = ["决定", `${deputy}依《授权委托书》签批，加盖行政审批专用章`];
  const deliver: [string, string] = ["送达", "窗口在承诺时限内送达决定文书或证照，登记销号"];
  switch (spec.kind) {
    case CaseKind.IMMEDIATE:
      return [
        ["受理", `${entry.windowName}受理人员当场核验申请材料并登记编号`],
        ["审核", `窗口审批人员依${section}的授权当场审核`],
        ["办结", "当场出具办理结果，登记销号"],
      ];
    case CaseKind.JOINT:
      return [
        intake,
        ["抄告相关", `窗口当日将申请材料抄告${spec.coDepartments.map(shortNameOf).join("、")}`],
        ["联合审查", "各联办部门同步审查并在规定时限内反馈意见，逾期未反馈的视为同意"],
        ["决定", `${department.shortName}${deputy}综合各方意见，依《授权委托书》作出决定，加盖行政审批专用章`],
        deliver,
      ];
    case CaseKind.REPORTED_UP:
      return [
        intake,
        ["初审", `${section}初审，3个工作日内报送${item.higherAuthority}`],
        ...survey,
        ["上报审批", `${item.higherAuthority}审查决定，窗口跟踪办理进度`],
        ["送达", "收到批复后2个工作日内告知申请人并送达，登记销号"],
      ];
    default:
      return [intake, ["审查", `${section}对申请材料进行审查，提出审查意见`], ...survey, decide, deliver];
  }
}

function townshipProcedure(entry: CatalogueEntry): [string, string][] {
  const { item, spec } = entry;
  const intake: [string, string] = ["受理", `乡镇便民服务中心${entry.windowName}工作人员受理；村级代办员代为申请的，由代办员登记后移交`];
  const close: [string, string] = ["办结", "结果当场送达或经村级代办员转交申请人，登记销号"];
  switch (spec.kind) {
    case CaseKind.IMMEDIATE:
      return [intake, ["审核", `${entry.windowName}工作人员当场审核`], close];
    case CaseKind.REPORTED_UP:
      return [intake, ["初审", `${entry.windowName}初审后报送${item.higherAuthority}`], ["上报审批", `${item.higherAuthority}审查决定`], close];
    default:
      return [
        intake,
        ["审查", `${entry.station}工作人员审查，业务上接受${entry.department.shortName}指导`],
        ...(spec.survey ? [["现场踏勘", `${entry.station}工作人员会同村（居）委会现场核实`] as [string, string]] : []),
        ["决定", "乡镇分管领导审批"],
        close,
      ];
  }
}

/** 3–5 published steps per item, naming who does what. */
export function buildSteps(entries: CatalogueEntry[]): Row<ProcedureStep>[] {
  const rows: Row<ProcedureStep>[] = [];
  for (const entry of entries) {
    const procedure = entry.item.level === ItemLevel.TOWNSHIP ? townshipProcedure(entry) : cityProcedure(entry);
    procedure.forEach(([name, description], i) => {
      rows.push({ id: rows.length + 1, itemId: entry.item.id, seq: i + 1, name, description });
    });
  }
  return rows;
}
