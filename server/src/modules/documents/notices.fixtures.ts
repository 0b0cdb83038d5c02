/**
 * Realistic sample notices (tests and sample rendering). Names use rare characters (𠮷 is outside
 * the BMP, 堃 and 燊 are rare in fonts) so a missing glyph or a broken ToUnicode map shows up.
 */
import type { NoticeData, NoticeKind } from "./notices";

const ISSUED = new Date("2026-11-26T01:30:00Z"); // 09:30 China time
const status = (number: string, code: string) => `http://127.0.0.1:4000/status?number=${number}&code=${code}`;

const REVIEW_REMEDY =
  "如不服本决定，可在收到本决定书之日起六十日内向石首市人民政府申请行政复议，或者在六个月内依法向石首市人民法院提起行政诉讼。";

export const SAMPLE_NOTICES: Record<NoticeKind, NoticeData> = {
  acceptance: {
    kind: "acceptance",
    caseNumber: "42108120261126000001",
    queryCode: "K7Q2MX",
    statusUrl: status("42108120261126000001", "K7Q2MX"),
    issuedAt: ISSUED,
    centreName: "石首市行政服务中心",
    windowName: "公安局户籍窗口 (C03)",
    applicantName: "𠮷堃",
    itemName: "户口迁移登记（市内迁移）",
    itemCode: "GAJ-HJ-0031",
    departmentName: "石首市公安局",
    receivedMaterials: ["居民户口簿（原件及复印件）", "居民身份证（原件及复印件）", "房屋所有权证或不动产权证书（复印件）", "户口迁移申请表"],
    acceptedOn: "2026-11-26",
    kindLabel: "承诺件",
    promisedLimitDays: 5,
    deadline: "2026-12-03",
    legalBasis: "《中华人民共和国户口登记条例》第十条",
  },
  supplement: {
    kind: "supplement",
    caseNumber: "42108120261126000002",
    queryCode: "P3ZW8R",
    statusUrl: status("42108120261126000002", "P3ZW8R"),
    issuedAt: ISSUED,
    centreName: "新厂镇便民服务中心",
    windowName: "综合受理窗口 (X01)",
    applicantName: "欧阳燊",
    itemName: "城乡居民最低生活保障申请",
    itemCode: "MZJ-DB-0102",
    departmentName: "石首市民政局",
    receivedMaterials: ["最低生活保障申请书", "申请人居民身份证（复印件）"],
    missingMaterials: [
      { name: "家庭成员户口簿（复印件）", description: "全部家庭成员页，A4纸复印，1份" },
      { name: "家庭经济状况核对授权书", description: "全部共同生活家庭成员本人签字并按手印" },
      { name: "家庭收入情况声明", description: "近12个月收入，由申请人签字" },
      { name: "残疾证或医疗诊断证明（如有）", description: "二级以上医院出具，加盖医院公章" },
      { name: "村（居）民委员会出具的家庭情况证明" },
    ],
  },
  return: {
    kind: "return",
    caseNumber: "42108120261126000003",
    queryCode: "H4N9TB",
    statusUrl: status("42108120261126000003", "H4N9TB"),
    issuedAt: ISSUED,
    centreName: "新厂镇便民服务中心",
    windowName: "国土规划窗口 (X04)",
    applicantName: "石首市𠮷祥农业专业合作社",
    itemName: "乡村建设规划许可证核发",
    itemCode: "ZRJ-GH-0207",
    departmentName: "石首市自然资源和规划局",
    receivedMaterials: ["乡村建设规划许可申请表", "土地权属证明材料", "建设工程设计方案"],
    returnCategoryLabel: "不属于本机关受理范围",
    returnReason:
      "所申请建设项目位于城镇开发边界内的国有建设用地，应办理建设工程规划许可证，不属于乡村建设规划许可的受理范围。请持相关材料到石首市行政服务中心自然资源和规划局窗口申请办理。",
    remedy:
      "如对本通知不服，可在收到本通知书之日起六十日内向石首市人民政府申请行政复议，或者在六个月内依法向石首市人民法院提起行政诉讼。",
  },
  decision: {
    kind: "decision",
    caseNumber: "42108120261126000004",
    queryCode: "Z8M3QC",
    statusUrl: status("42108120261126000004", "Z8M3QC"),
    issuedAt: ISSUED,
    centreName: "石首市行政服务中心",
    windowName: "市场监管局窗口 (C11)",
    applicantName: "石首市堃燊餐饮管理有限公司",
    itemName: "食品经营许可证核发",
    itemCode: "SCJ-SP-0011",
    departmentName: "石首市市场监督管理局",
    receivedMaterials: ["食品经营许可申请书", "营业执照（复印件）", "食品安全管理制度文本"],
    acceptedOn: "2026-11-18",
    outcomeLabel: "准予许可",
    decisionReason:
      "经审查及现场核查，你单位的经营场所、设施设备、食品安全管理制度及人员配备符合《中华人民共和国食品安全法》第三十五条和《食品经营许可和备案管理办法》规定的条件。",
    decidedAt: new Date("2026-11-25T08:00:00Z"),
    letterNumber: "SCJ-SQ-2026-001",
    sealCode: "SCJ-SP-01",
    sealName: "石首市市场监督管理局行政审批专用章",
    remedy: REVIEW_REMEDY,
  },
};

/** The same notices with material lists long enough to need a second page. */
export function withLongLists(data: NoticeData): NoticeData {
  const many = Array.from({ length: 26 }, (_, i) => `第${i + 1}项附件：${data.itemName}相关证明材料（原件核验，复印件留存，需加盖申请单位公章）`);
  return {
    ...data,
    receivedMaterials: [...data.receivedMaterials, ...many],
    missingMaterials: data.missingMaterials
      ? [...data.missingMaterials, ...many.slice(0, 14).map((name, i) => ({ name, description: i % 2 ? null : "A4纸，1份" }))]
      : undefined,
  };
}
