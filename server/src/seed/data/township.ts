import type { TOWNSHIP_CATEGORIES } from "../../modules/catalogue/enums";
import { chineseNumber } from "../prng";
import { AREAS } from "./network";

export type TownshipCategory = (typeof TOWNSHIP_CATEGORIES)[number];

/** The six PERMANENT windows of a township centre, numbers 1–6 (N3). */
export const TOWNSHIP_PERMANENT_WINDOWS: { name: string; categories: TownshipCategory[]; department: string | null }[] = [
  { name: "计划生育窗口", categories: ["计划生育"], department: "WJJ" },
  { name: "民政优抚窗口", categories: ["民政优抚"], department: "MZJ" },
  { name: "劳动保障窗口", categories: ["劳动保障"], department: "RSJ" },
  { name: "国土城建窗口", categories: ["国土城建"], department: "ZGJ" },
  { name: "农业服务窗口", categories: ["农业服务"], department: "NYJ" },
  { name: "综合窗口（党员服务·司法调解·信访接待）", categories: ["党员服务", "司法调解", "信访接待"], department: null },
];

/** The five PERIODIC windows, numbers 7–11: staff of a city department tour the townships of an area. */
export const TOWNSHIP_PERIODIC_WINDOWS: { name: string; department: string; team: (area: number) => string }[] = [
  { name: "税务窗口", department: "SWJ", team: (area) => `市税务局第${chineseNumber(area + 1)}税务分局` },
  { name: "工商窗口", department: "SJJ", team: (area) => `市市场监督管理局${AREAS[area]}市场监管所` },
  { name: "林业窗口", department: "LYJ", team: (area) => `市林业局${AREAS[area]}林业工作站` },
  { name: "交通窗口", department: "JTJ", team: (area) => `市交通运输局${AREAS[area]}交通管理站` },
  { name: "房产窗口", department: "ZJJ", team: (area) => `市住建局房产管理所${AREAS[area]}工作组` },
];

export const AGENCY_WINDOW_NAME = "代理窗口";
export const FINANCE_WINDOW_NAME = "金融窗口";

export const MORNING = { startTime: "08:30", endTime: "12:00" };
export const AFTERNOON = { startTime: "14:30", endTime: "17:30" };

export interface TownshipCategorySpec {
  category: TownshipCategory;
  /** The township unit that reviews the category's cases. */
  station: string;
  laws: string[];
  /** [owning department code, item spec] */
  items: [string, string][];
}

/** The 41 township items in the eight categories of the source. */
export const TOWNSHIP_ITEMS: TownshipCategorySpec[] = [
  {
    category: "计划生育",
    station: "乡镇计生服务站",
    laws: ["《中华人民共和国人口与计划生育法》", "《湖北省人口与计划生育条例》", "《计划生育技术服务管理条例》"],
    items: [
      ["WJJ", "独生子女父母光荣证办理 | L10 @1 +结婚证 +子女出生医学证明"],
      ["WJJ", "农村部分计划生育家庭奖励扶助资格确认 | L15 @1 +结婚证 +子女情况证明"],
      ["WJJ", "计划生育家庭特别扶助金申请 | L15 +独生子女父母光荣证 +子女死亡或伤残证明"],
      ["WJJ", "免费孕前优生健康检查登记 | I @2 +结婚证"],
      ["WJJ", "独生子女父母奖励金申领 | L10 @1 +独生子女父母光荣证"],
      ["WJJ", "计划生育手术并发症鉴定申请 | R=荆州市卫生健康委员会 @2 +手术记录 +病历资料"],
    ],
  },
  {
    category: "民政优抚",
    station: "乡镇民政办",
    laws: ["《社会救助暂行办法》", "《军人抚恤优待条例》", "《中华人民共和国退役军人保障法》", "《中华人民共和国未成年人保护法》"],
    items: [
      ["MZJ", "农村最低生活保障申请初审 | L15 +家庭收入和财产状况声明 +村民委员会评议意见"],
      ["MZJ", "特困人员救助供养申请初审 | L15 +家庭收入和财产状况声明"],
      ["MZJ", "小额临时救助审批 | L10 +困难情况说明"],
      ["MZJ", "困难群众冬春生活救助申请 | L15 +困难情况说明"],
      ["MZJ", "孤儿和事实无人抚养儿童基本生活费申请 | L15 @3 +父母死亡或失踪证明"],
      ["TYJ", "优抚对象抚恤补助申请受理 | L15 @1 +优抚对象身份证明"],
      ["TYJ", "义务兵家庭优待金申领 | L15 @1 +入伍通知书"],
      ["TYJ", "退役军人信息采集登记 | I @2 +退出现役证"],
    ],
  },
  {
    category: "劳动保障",
    station: "乡镇劳动保障事务所",
    laws: ["《中华人民共和国就业促进法》", "《中华人民共和国社会保险法》", "《劳动保障监察条例》", "《社会救助暂行办法》"],
    items: [
      ["RSJ", "农村劳动力转移就业登记 | I"],
      ["RSJ", "职业技能培训报名 | I +学历证书"],
      ["RSJ", "城乡居民养老保险待遇资格认证 | I @1"],
      ["RSJ", "灵活就业人员社会保险补贴申请 | L15 @1 +灵活就业情况说明 +社会保险缴费凭证"],
      ["RSJ", "劳动保障监察投诉受理 | L20 @2 +劳动关系证明"],
      ["YBJ", "城乡居民医疗保险缴费信息变更 | I @1 +居民户口簿"],
      ["YBJ", "医疗救助申请初审 | L10 @3 +医疗费用发票 +困难情况说明"],
    ],
  },
  {
    category: "国土城建",
    station: "乡镇国土资源所",
    laws: ["《中华人民共和国土地管理法》", "《土地权属争议调查处理办法》", "《村庄和集镇规划建设管理条例》", "《中华人民共和国城乡规划法》"],
    items: [
      ["ZGJ", "土地权属争议调解 | @1 +权属证明材料 +争议地块示意图"],
      ["ZJJ", "农村危房改造申请 | S @2 +房屋安全鉴定意见 +村民委员会评议意见"],
      ["ZGJ", "农村村民建房定位放线 | S L10 +乡村建设规划许可证"],
      ["ZJJ", "农村建筑工匠登记 | L10 @2 +技能培训合格证明"],
      ["ZGJ", "村庄规划信息查询 | I @3"],
      ["ZJJ", "农村房屋安全鉴定申请 | S L15 @2 +房屋权属证明"],
    ],
  },
  {
    category: "农业服务",
    station: "乡镇农业服务中心",
    laws: ["《中华人民共和国农业法》", "《中华人民共和国农业机械化促进法》", "《中华人民共和国农村土地承包法》", "《农业保险条例》"],
    items: [
      ["NYJ", "耕地地力保护补贴申报 | L15 +土地承包经营权证书 +银行账户信息"],
      ["NYJ", "农机购置补贴申请 | S @1 +购机发票 +农机具合格证"],
      ["NYJ", "农村土地经营权流转合同备案 | L10 @2 +土地经营权流转合同"],
      ["NYJ", "农作物病虫害防治技术服务申请 | L10"],
      ["NYJ", "政策性农业保险投保登记 | I @3 +种植或养殖情况说明"],
    ],
  },
  {
    category: "党员服务",
    station: "乡镇党建办",
    laws: ["《中国共产党党员教育管理工作条例》", "《中国共产党章程》"],
    items: [
      ["MZJ", "党员组织关系转接 | I +党员组织关系介绍信"],
      ["MZJ", "流动党员活动证办理 | L10 +党员身份证明"],
      ["MZJ", "困难党员帮扶申请 | L15 +困难情况说明"],
    ],
  },
  {
    category: "司法调解",
    station: "乡镇司法所",
    laws: ["《中华人民共和国人民调解法》", "《中华人民共和国法律援助法》"],
    items: [
      ["SFJ", "民间纠纷人民调解申请 | L15 +纠纷情况说明"],
      ["SFJ", "法律援助申请转交 | I @1 +经济困难状况说明表"],
      ["SFJ", "公共法律服务咨询 | I @1"],
    ],
  },
  {
    category: "信访接待",
    station: "乡镇综治信访办",
    laws: ["《信访工作条例》"],
    items: [
      ["XFJ", "群众来访登记 | I +信访事项材料"],
      ["XFJ", "群众来信受理 | L15 +信访信件"],
      ["XFJ", "网上信访事项代录入 | I +信访事项材料"],
    ],
  },
];

/** The five city items handed down to every township (G4), with the window that takes them. */
export const DELEGATED_ITEMS: { name: string; mode: "HANDLE" | "PROXY"; category: TownshipCategory | null }[] = [
  { name: "城乡居民基本养老保险参保登记", mode: "HANDLE", category: "劳动保障" },
  { name: "农村村民宅基地建房审批（初审）", mode: "HANDLE", category: "国土城建" },
  { name: "生育登记服务", mode: "HANDLE", category: "计划生育" },
  { name: "林木采伐许可证核发", mode: "PROXY", category: null },
  { name: "残疾人证办理（初审）", mode: "PROXY", category: null },
];
