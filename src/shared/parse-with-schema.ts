import { z } from "zod";
import { DataValidationError, type DataIssue } from "./errors.js";

// zod's own wording of its built-in issues: English to tell them from the messages our schemas write, Chinese to show.
const ZOD_EN = z.locales.en().localeError;
const ZOD_ZH = z.locales.zhCN().localeError;

// zod's zh-CN locale leaves most type names in English ("期望 string，实际接收 undefined").
const TYPE_ZH: Record<string, string> = {
  string: "文本",
  number: "数字",
  int: "整数",
  boolean: "布尔值",
  object: "对象",
  array: "数组",
  undefined: "空缺",
  bigint: "大整数",
  date: "日期",
};

// Explanations our schemas put in parentheses, e.g. `must be a positive number (万元)`.
const WHAT_ZH: Record<string, string> = {
  "元 per pupil": "元/生",
  "share per year": "每年的比例",
  "share of town residents moving to urban areas per year": "每年由镇区迁入城区的居民比例",
  "share of moving children who attend school where their parents move; the rest stay behind in rural schools": "随父母迁移并在迁入地上学的儿童比例，其余留在乡村学校",
  "share of rural residents moving to towns per year": "每年由乡村迁入镇区的居民比例",
  "share of rural residents moving to urban areas per year": "每年由乡村迁入城区的居民比例",
  "urban + town residents over all residents": "城区与镇区居民占全部居民的比例",
  "share of people leaving rural areas who settle in towns": "离开乡村的人口中在镇区定居的比例",
};
const what = (s: string | undefined) => (s === undefined ? "" : `（${WHAT_ZH[s] ?? s}）`);
const orList = (s: string) => s.replace(/, /g, "、").replace(/ or /g, " 或 ");

/*
 * The custom messages written in the schemas (rule-schema.ts, scenario-schema.ts, urbanization-scenario.ts,
 * birth-scenario.ts) and their Chinese. A message that matches none is shown in English rather than guessed at.
 */
const CUSTOM_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^must be a number from (\S+) to (\S+)$/, (m) => `必须是 ${m[1]} 到 ${m[2]} 之间的数`],
  [/^must be a positive number \((.+)\)$/, (m) => `必须是正数${what(m[1])}`],
  [/^must be a text identifier$/, () => "必须是文本标识符"],
  [/^must be a camelCase identifier \(letters and digits, starting with a letter\)$/, () => "必须是 camelCase 标识符（由字母和数字组成，以字母开头）"],
  [/^must be a column name$/, () => "必须是列名"],
  [/^must be a non-empty column name$/, () => "列名不能为空"],
  [/^must be one of (.+)$/, (m) => `必须是以下之一：${m[1].replace(/, /g, "、")}`],
  [/^must be ("[^"]*"(?:, "[^"]*")* or "[^"]*")$/, (m) => `必须是 ${orList(m[1])}`],
  [/^(\S+) must be ("[^"]*"(?:, "[^"]*")* or "[^"]*")$/, (m) => `${m[1]} 必须是 ${orList(m[2])}`],
  [/^must list at least one factor$/, () => "至少要列出一个因素"],
  [/^must list at least one factor group$/, () => "至少要列出一个因素组"],
  [/^needs exactly one of (\S+) or (\S+)$/, (m) => `${m[1]} 和 ${m[2]} 必须给出一个，且只能给出一个`],
  [/^must be a text name$/, () => "必须是文本名称"],
  [/^must be a non-empty name$/, () => "名称不能为空"],
  [/^group weights( plus the matching-share weight)? must sum to 1, got (\S+)$/, (m) => `各因素组权重${m[1] ? "加上配套份额（matching-share）权重" : ""}之和必须为 1，实际为 ${m[2]}`],
  [/^factor weights in group (\S+) must sum to 1, got (\S+)$/, (m) => `因素组 ${m[1]} 中各因素的权重之和必须为 1，实际为 ${m[2]}`],
  [/^needs an id: column (.+) is not a camelCase identifier$/, (m) => `需要给出 id：列名 ${m[1]} 不是 camelCase 标识符`],
  [/^factor id (\S+) is already used at (\S+); give one of them an id$/, (m) => `因素 id ${m[1]} 已在 ${m[2]} 用过；请给其中一个另起 id`],
  [/^is only used with normalisation "(.+)"$/, (m) => `只在 normalisation 为 "${m[1]}" 时使用`],
  [/^group id (\S+) is used twice$/, (m) => `因素组 id ${m[1]} 重复出现`],
  [/^is required when rewardPoolShare is above 0 \(who shares the pool\?\)$/, () => "rewardPoolShare 大于 0 时必填（奖励资金由哪些县分享？）"],
  [/^floor (\S+) 万元 is above the ceiling (\S+) 万元$/, (m) => `下限 ${m[1]} 万元高于上限 ${m[2]} 万元`],
  [/^must be a date YYYY-MM-DD$/, () => "必须是 YYYY-MM-DD 格式的日期"],
  [/^must be lower-case letters, digits and dashes$/, () => "只能由小写字母、数字和连字符（-）组成"],
  [/^must fall after data\.asOf (\S+)$/, (m) => `必须晚于 data.asOf（${m[1]}）`],
  [/^(\S+) must be a number(?: \((.+)\))?$/, (m) => `${m[1]} 必须是数字${what(m[2])}`],
  [/^(\S+) must be between (\S+) and (\S+)(?: \((.+)\))?$/, (m) => `${m[1]} 必须在 ${m[2]} 到 ${m[3]} 之间${what(m[4])}`],
  [/^(\S+) must be > (\S+)$/, (m) => `${m[1]} 必须大于 ${m[2]}`],
  [/^(\S+) must be a text$/, (m) => `${m[1]} 必须是文本`],
  [/^(\S+) must be a text such as (.+) or (.+)$/, (m) => `${m[1]} 必须是文本，例如 ${m[2]} 或 ${m[3]}`],
  [/^(\S+) must not be empty$/, (m) => `${m[1]} 不能为空`],
  [/^(.+) must not exceed (\S+)$/, (m) => `${m[1]} 不能超过 ${m[2]}`],
  [/^(\S+) must be a year$/, (m) => `${m[1]} 必须是年份`],
  [/^(\S+) must be (?:a whole year|whole years)$/, (m) => `${m[1]} 必须是整数年份`],
  [/^(\S+) must be a list of years$/, (m) => `${m[1]} 必须是年份列表`],
  [/^(\S+) must list at least (\d+) consecutive years$/, (m) => `${m[1]} 至少要列出 ${m[2]} 个连续年份`],
  [/^(\S+) must be a list of shares, one per year$/, (m) => `${m[1]} 必须是比例列表，每年一个`],
  [/^(\S+) must have one value per entry of (\S+)$/, (m) => `${m[1]} 的个数必须与 ${m[2]} 相同（每年一个值）`],
  [/^(\S+) must be consecutive and increasing$/, (m) => `${m[1]} 必须是逐年递增的连续年份`],
  [/^(\S+) must hold numbers$/, (m) => `${m[1]} 只能包含数字`],
  [/^(\S+) must be a list of extra births per year from (\S+)$/, (m) => `${m[1]} 必须是从 ${m[2]} 起每年新增出生人数的列表`],
  [/^unknown (rule|urbanization preset|birth scenario) ("[^"]*"); one of (.+?)( or a path to a \.json file)?$/, (m) => `未知的${{ rule: "分配规则", "urbanization preset": "城镇化预设", "birth scenario": "出生情景" }[m[1]]} ${m[2]}；可选 ${m[3].replace(/, /g, "、")}${m[4] ? "，或 .json 文件路径" : ""}`],
  [/^must be a year from (\d+) to (\d+) \(the big-class projection's years\), got (.+)$/, (m) => `必须是 ${m[1]} 到 ${m[2]} 之间的年份（大班额预测覆盖的年份），实际为 ${m[3]}`],
  [/^repeats (targets\[\d+\]) \(same indicator and deadline\)$/, (m) => `与 ${m[1]} 重复（同一指标、同一期限）`],
  [/^must be from (\S+) to (\S+) with bundled progress data \(the synthetic reports cover those dates\)$/, (m) => `使用内置进度数据时必须在 ${m[1]} 到 ${m[2]} 之间（合成双月报只覆盖这些日期）`],
  [/^is the scenario's own rule (\S+); list other rules to compare with$/, (m) => `就是本情景自己的规则 ${m[1]}；请列出用来对比的其他规则`],
  [/^lists (\S+) twice$/, (m) => `重复列出了 ${m[1]}`],
  [/^(\S+) shares money among provinces, but the bundled data of region (\S+) are counties; use a county rule or your own provinces file in data\.counties$/, (m) => `${m[1]} 是在省份之间分配的规则，而地区 ${m[2]} 的内置数据是县；请改用县级规则，或在 data.counties 中给出自己的省份文件`],
  [/^(\S+) keys must be four-digit years$/, (m) => `${m[1]} 的键必须是四位数年份`],
  [/^(\S+) values must be numbers$/, (m) => `${m[1]} 的值必须是数字`],
  [/^(\S+) values must be ≥ (\S+)$/, (m) => `${m[1]} 的值必须 ≥ ${m[2]}`],
];

function customZh(message: string): string | undefined {
  for (const [re, zh] of CUSTOM_ZH) {
    const m = re.exec(message);
    if (m) return zh(m);
  }
  return undefined;
}

const localeText = (m: ReturnType<typeof ZOD_EN>) => (typeof m === "string" ? m : m?.message);

/** An issue's own message in Chinese: zod's locale for its built-in wording, the table above for ours. */
function messageZh(issue: z.core.$ZodIssue): string {
  const raw = issue as unknown as z.core.$ZodRawIssue;
  const builtIn = issue.message === localeText(ZOD_EN(raw));
  const zh = builtIn ? undefined : customZh(issue.message);
  if (zh !== undefined) return zh;
  // A custom check ("code: custom") has no built-in wording worth more than our English.
  if (!builtIn && issue.code === "custom") return issue.message;
  const text = localeText(ZOD_ZH(raw)) ?? issue.message;
  return text.replace(/(期望|实际接收) ([A-Za-z]+)/g, (all, verb: string, type: string) => (TYPE_ZH[type] ? `${verb} ${TYPE_ZH[type]}` : all));
}

/** `["groups", 0, "weight"]` → `groups[0].weight`, the way a reader finds the spot in a JSON file. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

/** What is wrong with a field, in words: what is allowed and what was found. */
export function zodIssueMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const shown = issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_type" || issue.code === "invalid_value";
  const got = shown && input !== undefined ? `, got ${JSON.stringify(input)}` : "";
  if (issue.code === "unrecognized_keys") return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  if (issue.code === "invalid_type" && input === undefined) return "is required";
  return `${issue.message}${got}`;
}

/** {@link zodIssueMessage} in Chinese: `必须是 0 到 1 之间的数，实际为 1.5`, `必填`, `未知字段 "weigth"`. */
export function zodIssueMessageZh(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  const shown = issue.code === "too_small" || issue.code === "too_big" || issue.code === "invalid_type" || issue.code === "invalid_value";
  const got = shown && input !== undefined ? `，实际为 ${JSON.stringify(input)}` : "";
  if (issue.code === "unrecognized_keys") return `未知字段 ${issue.keys.map((k) => `"${k}"`).join("、")}`;
  if (issue.code === "invalid_type" && input === undefined) return "必填";
  return `${messageZh(issue)}${got}`;
}

/** One zod issue as a sentence naming the field: `groups[0].weight: must be …, got 1.5`. */
export function describeZodIssue(issue: z.core.$ZodIssue): string {
  return `${formatFieldPath(issue.path)}: ${zodIssueMessage(issue)}`;
}

/** {@link describeZodIssue} in Chinese: `groups[0].weight: 必须是 0 到 1 之间的数，实际为 1.5`. */
export function describeZodIssueZh(issue: z.core.$ZodIssue): string {
  return `${formatFieldPath(issue.path)}: ${zodIssueMessageZh(issue)}`;
}

/**
 * Validate a value (a parsed JSON rule or scenario file) against a zod schema, reporting every
 * problem at once with its field path.
 *
 * @param schema the zod schema
 * @param value the value to check
 * @param what the caller and the kind of thing checked, for the headline (e.g. "parseScenario")
 * @param file file name shown in every message
 * @throws DataValidationError listing every invalid field
 */
export function parseWithSchema<T>(schema: z.ZodType<T>, value: unknown, what: string, file?: string): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issues: DataIssue[] = result.error.issues.map((issue) => ({
    severity: "error",
    ...(file !== undefined ? { file } : {}),
    column: formatFieldPath(issue.path),
    message: zodIssueMessage(issue),
    messageZh: zodIssueMessageZh(issue),
  }));
  throw new DataValidationError(issues, `${what} found ${issues.length} problem(s) in ${file ?? "the input"}`);
}

/**
 * Parse JSON text and validate it; a syntax error names the file, line and column.
 *
 * @throws DataValidationError for invalid JSON or any invalid field
 */
export function parseJsonWithSchema<T>(schema: z.ZodType<T>, text: string, what: string, file: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const m = /position (\d+)/.exec((err as Error).message);
    const pos = m ? Number(m[1]) : undefined;
    const line = pos === undefined ? undefined : text.slice(0, pos).split("\n").length;
    const detail = (err as Error).message;
    throw new DataValidationError([{ severity: "error", file, row: line, message: `is not valid JSON (${detail})`, messageZh: `不是有效的 JSON（${detail}）` }]);
  }
  return parseWithSchema(schema, value, what, file);
}
