import type { Lang } from "../shared/i18n.js";

/**
 * Pinyin of the provinces, cities and counties that appear in gaibo's real and seed data (the English
 * page names places in pinyin, with the Chinese beside them in tables). Keys are names without their
 * administrative suffix (省, 市, 县, 区, 州, 自治区).
 */
const PINYIN: Record<string, string> = {
  全国: "China", 北京: "Beijing", 天津: "Tianjin", 河北: "Hebei", 山西: "Shanxi", 内蒙古: "Inner Mongolia", 辽宁: "Liaoning",
  吉林: "Jilin", 黑龙江: "Heilongjiang", 上海: "Shanghai", 江苏: "Jiangsu", 浙江: "Zhejiang", 安徽: "Anhui", 福建: "Fujian",
  江西: "Jiangxi", 山东: "Shandong", 河南: "Henan", 湖北: "Hubei", 湖南: "Hunan", 广东: "Guangdong", 广西: "Guangxi",
  海南: "Hainan", 重庆: "Chongqing", 四川: "Sichuan", 贵州: "Guizhou", 云南: "Yunnan", 西藏: "Xizang", 陕西: "Shaanxi",
  甘肃: "Gansu", 青海: "Qinghai", 宁夏: "Ningxia", 新疆: "Xinjiang",
  三门峡: "Sanmenxia", 东营: "Dongying", 中牟: "Zhongmou", 临沂: "Linyi", 临沧: "Lincang", 丽江: "Lijiang", 保山: "Baoshan",
  剑川: "Jianchuan", 古田: "Gutian", 台儿庄: "Taierzhuang", 周宁: "Zhouning", 大理: "Dali", 天水: "Tianshui", 太和: "Taihe",
  宁德: "Ningde", 寿宁: "Shouning", 尉氏: "Weishi", 屏南: "Pingnan", 山亭: "Shanting", 峄城: "Yicheng", 市中: "Shizhong",
  平凉: "Pingliang", 平阳: "Pingyang", 开封: "Kaifeng", 德宏: "Dehong", 德州: "Dezhou", 怒江: "Nujiang", 文山: "Wenshan",
  文成: "Wencheng", 日照: "Rizhao", 昆明: "Kunming", 昭通: "Zhaotong", 普洱: "Pu'er", 曲靖: "Qujing", 杭州: "Hangzhou",
  枣庄: "Zaozhuang", 柘荣: "Zherong", 柯城: "Kecheng", 楚雄: "Chuxiong", 武义: "Wuyi", 永嘉: "Yongjia", 沧州: "Cangzhou",
  泰安: "Tai'an", 泰顺: "Taishun", 济南: "Jinan", 济宁: "Jining", 淄博: "Zibo", 淳安: "Chun'an", 温州: "Wenzhou",
  滕州: "Tengzhou", 滨州: "Binzhou", 潍坊: "Weifang", 烟台: "Yantai", 玉溪: "Yuxi", 磐安: "Pan'an", 福安: "Fu'an",
  福鼎: "Fuding", 禹州: "Yuzhou", 红河: "Honghe", 耒阳: "Leiyang", 聊城: "Liaocheng", 苍南: "Cangnan", 莱芜: "Laiwu",
  菏泽: "Heze", 蕉城: "Jiaocheng", 薛城: "Xuecheng", 蚌埠: "Bengbu", 衢州: "Quzhou", 衢江: "Qujiang",
  西双版纳: "Xishuangbanna", 西安: "Xi'an", 许昌: "Xuchang", 迪庆: "Diqing", 鄢陵: "Yanling", 醴陵: "Liling", 金华: "Jinhua",
  长葛: "Changge", 陕州: "Shanzhou", 霞浦: "Xiapu", 龙港: "Longgang", 襄城: "Xiangcheng", 郑州: "Zhengzhou", 洛阳: "Luoyang",
  兰州: "Lanzhou", 乌鲁木齐: "Urumqi", 喀什: "Kashgar", 和田: "Hotan",
};

const SUFFIX: [RegExp, string][] = [
  [/(维吾尔|回族|壮族)?自治区$/, ""],
  [/省$/, ""],
  [/市$/, ""],
  [/县$/, " County"],
  [/区$/, " District"],
  [/州$/, " Prefecture"],
];

/**
 * The short Chinese name of a place, without its administrative suffix where the rest is a known name
 * (新疆维吾尔自治区 → 新疆, 山东省 → 山东; 许昌县 stays, because 许昌 alone is the city).
 *
 * @example shortPlaceName("新疆维吾尔自治区") // "新疆"
 */
export function shortPlaceName(zh: string): string {
  const m = /^(.+?)(?:(?:维吾尔|回族|壮族)?自治区|省)$/.exec(zh);
  return m && PINYIN[m[1]] ? m[1] : zh;
}

/**
 * A place name in the page's language: Chinese as published (short form for provinces), or pinyin on
 * the English page (许昌县 → "Xuchang County"). A name not in the dictionary is shown as written, so
 * nothing is invented; `placeCell` adds the Chinese beside it for tables.
 *
 * @param zh the name as published
 * @param lang page language
 * @example placeName("宁夏回族自治区", "en") // "Ningxia"
 */
export function placeName(zh: string, lang: Lang): string {
  if (lang === "zh") return shortPlaceName(zh);
  const name = zh.trim();
  // gaibo's synthetic places (合成县101, 合成市03): numbered, not pinyin, so the English page says what they are.
  const synthetic = /^合成(县|市|地州|省)(\d+)$/.exec(name);
  if (synthetic) return `Synthetic ${{ 县: "county", 市: "city", 地州: "prefecture", 省: "province" }[synthetic[1]]} ${synthetic[2]}`;
  if (PINYIN[name]) return PINYIN[name];
  for (const [re, en] of SUFFIX) {
    const base = name.replace(re, "");
    if (base !== name && PINYIN[base]) {
      // A city named like its province (吉林市) says "City" so the two are told apart.
      const isProvinceName = Object.keys(PINYIN).indexOf(base) <= 31;
      return PINYIN[base] + (re.source === "市$" && isProvinceName ? " City" : en);
    }
  }
  return name;
}

/**
 * A place name for a table cell: on the English page pinyin with the Chinese beside it
 * ("Xuchang County (许昌县)"), on the Chinese page the name as published.
 *
 * @example placeCell("天水市", "en") // "Tianshui (天水市)"
 */
export function placeCell(zh: string, lang: Lang): string {
  if (lang === "zh") return zh;
  const en = placeName(zh, lang);
  return en === zh ? zh : `${en} (${zh})`;
}
