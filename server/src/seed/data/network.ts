/** Shishou's network: the city centre, its 15 township-level units and their village stations. */

export const CITY_CODE = "421081";
export const CITY_CENTRE = {
  name: "石首市行政服务中心",
  address: "石首市绣林街道东方大道88号",
  phone: "0716-7263001",
};

/** Areas (片) whose townships share the visiting staff of PERIODIC windows. */
export const AREAS = ["城区", "江北", "江南"] as const;

export interface TownshipSpec {
  name: string;
  area: number;
  /** Village stations, communities (社区) first. */
  stations: number;
  communities: number;
  address: string;
  phone: string;
}

/** In division-code order: 421081001 … 421081015. Station counts sum to 275. */
export const TOWNSHIPS: TownshipSpec[] = [
  { name: "绣林街道", area: 0, stations: 22, communities: 12, address: "石首市绣林街道绣林大道126号", phone: "0716-7222315" },
  { name: "笔架山街道", area: 0, stations: 20, communities: 8, address: "石首市笔架山街道笔架山路57号", phone: "0716-7232106" },
  { name: "新厂镇", area: 1, stations: 24, communities: 1, address: "石首市新厂镇新华路18号", phone: "0716-7411012" },
  { name: "横沟市镇", area: 1, stations: 23, communities: 1, address: "石首市横沟市镇横沟大道36号", phone: "0716-7451203" },
  { name: "大垸镇", area: 1, stations: 21, communities: 1, address: "石首市大垸镇大垸大道9号", phone: "0716-7481136" },
  { name: "小河口镇", area: 1, stations: 19, communities: 1, address: "石首市小河口镇河口街42号", phone: "0716-7436218" },
  { name: "桃花山镇", area: 2, stations: 17, communities: 1, address: "石首市桃花山镇桃花路21号", phone: "0716-7562027" },
  { name: "调关镇", area: 2, stations: 22, communities: 1, address: "石首市调关镇调关大道66号", phone: "0716-7531188" },
  { name: "东升镇", area: 2, stations: 16, communities: 1, address: "石首市东升镇东升大道15号", phone: "0716-7511320" },
  { name: "高基庙镇", area: 0, stations: 18, communities: 1, address: "石首市高基庙镇高基大道27号", phone: "0716-7361035" },
  { name: "南口镇", area: 0, stations: 15, communities: 1, address: "石首市南口镇南口大道12号", phone: "0716-7381126" },
  { name: "高陵镇", area: 0, stations: 17, communities: 1, address: "石首市高陵镇高陵街33号", phone: "0716-7342209" },
  { name: "团山寺镇", area: 2, stations: 16, communities: 1, address: "石首市团山寺镇团山路8号", phone: "0716-7582112" },
  { name: "久合垸乡", area: 2, stations: 13, communities: 1, address: "石首市久合垸乡久合大道19号", phone: "0716-7591036" },
  { name: "天鹅洲经济开发区", area: 1, stations: 12, communities: 1, address: "石首市天鹅洲经济开发区天鹅大道1号", phone: "0716-7468001" },
];

/** Seat community of a town: 新厂镇 → 新厂社区. Subdistricts draw from COMMUNITY_ROOTS instead. */
export function seatCommunityOf(township: string): string {
  return township.replace(/(经济开发区|镇|乡)$/, "") + "社区";
}

export const COMMUNITY_ROOTS = [
  "东岳山", "城南", "城北", "江汉", "绣林", "西湖", "南岳", "东方", "金平", "万兴", "天星", "桂花",
  "楚望", "南湖", "建设", "解放", "向阳", "文峰", "笔架", "山底", "北门", "江陵", "宝塔", "东山",
];

/** Roots that make a village name on their own: 新建 → 新建村. */
export const VILLAGE_ROOTS = [
  "新建", "新河", "新华", "新民", "新堤", "永丰", "永兴", "永合", "永福", "长江", "长胜", "长岭",
  "三合", "三星", "三义", "五一", "五星", "六合", "七里", "八一", "九龙", "十里", "红星", "红光",
  "胜利", "团结", "联合", "先锋", "光明", "幸福", "和平", "民主", "合兴", "复兴", "太平", "兴隆",
  "丰收", "金星", "东风", "东湖", "南湖", "北湖", "白鹤", "黄金", "青山", "桃园", "杨林", "柳口",
  "龙湾", "凤凰", "莲花", "荷花", "梅园", "竹林", "松林", "鹤堤", "天井", "石华", "五福", "保丰",
];

/** Family roots combined with a landform: 黄家 + 湾 → 黄家湾村. */
export const FAMILY_ROOTS = [
  "黄家", "李家", "张家", "王家", "刘家", "陈家", "杨家", "周家", "吴家", "徐家", "胡家", "朱家",
  "高家", "何家", "罗家", "郭家", "马家", "梁家", "宋家", "谢家", "韩家", "唐家", "冯家", "曹家",
  "彭家", "曾家", "袁家", "邓家", "熊家", "向家", "覃家", "万家", "蔡家", "姚家", "余家", "潘家",
  "杜家", "戴家", "夏家", "钟家", "汪家", "田家", "任家", "姜家", "范家", "方家", "柯家", "严家",
];

export const LANDFORMS = ["湾", "垸", "台", "岭", "嘴", "铺", "桥", "湖", "洲", "河", "口", "堤", "岗", "坪"];
