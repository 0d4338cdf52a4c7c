import type { Lang } from "../shared/i18n.js";

/** What the page shows: the scenario, the language, the comparison, a county and every recompute setting. */
export interface PageView {
  /** Scenario name ("" when the page has one unnamed scenario). */
  s: string;
  lang: Lang;
  /** The side-by-side view of the scenarios. */
  compare?: boolean;
  /** County id shown in the drill-down. */
  county?: string;
  /** Allocation rule name. */
  rule?: string;
  /** Allocation budget, 亿元 (> 0). */
  budget?: number;
  /** Group weights by group id (`matching` for the matching share), as set. */
  w?: Record<string, number>;
  /** Big classes: urbanization preset, its speed multiplier, birth scenario and target year. */
  urb?: "slow" | "base" | "fast";
  speed?: number;
  births?: "low" | "central" | "high" | "two-child";
  target?: number;
  /** Progress targets: the deadline (ISO date) and the target level in percent (70 = “双超70%”). */
  deadline?: string;
  level?: number;
}

/**
 * The view as a URL fragment (`#s=henan-plan&lang=zh&county=S012&rule=need-only&budget=120&w.basic=0.5`): scenario
 * and language always, the rest only when set, so a link opens the same view.
 *
 * @example encodeView({ s: "a", lang: "en", budget: 100 }) // "#s=a&lang=en&budget=100"
 */
export function encodeView(view: PageView): string {
  const p = new URLSearchParams();
  p.set("s", view.s);
  p.set("lang", view.lang);
  if (view.compare) p.set("view", "compare");
  if (view.county) p.set("county", view.county);
  if (view.rule) p.set("rule", view.rule);
  if (view.budget !== undefined) p.set("budget", String(view.budget));
  for (const [k, x] of Object.entries(view.w ?? {})) p.set(`w.${k}`, String(x));
  if (view.urb) p.set("urb", view.urb);
  if (view.speed !== undefined) p.set("speed", String(view.speed));
  if (view.births) p.set("births", view.births);
  if (view.target !== undefined) p.set("target", String(view.target));
  if (view.deadline) p.set("deadline", view.deadline);
  if (view.level !== undefined) p.set("level", String(view.level));
  const text = p.toString();
  return `#${text}`;
}

/**
 * Read a view from a URL fragment; anything missing or malformed keeps its default (a section anchor such as
 * `#zh-allocation` is not a view and gives the defaults).
 *
 * @example decodeView("#lang=en&budget=abc", { s: "a", lang: "zh" }) // { s: "a", lang: "en" }
 */
export function decodeView(hash: string, defaults: PageView): PageView {
  const text = hash.replace(/^#/, "");
  if (!text.includes("=")) return { ...defaults };
  const p = new URLSearchParams(text);
  const view: PageView = { s: p.get("s") ?? defaults.s, lang: p.get("lang") === "en" ? "en" : p.get("lang") === "zh" ? "zh" : defaults.lang };
  if (p.get("view") === "compare") view.compare = true;
  const county = p.get("county");
  if (county) view.county = county;
  const rule = p.get("rule");
  if (rule) view.rule = rule;
  const budget = Number(p.get("budget"));
  if (p.has("budget") && Number.isFinite(budget) && budget > 0) view.budget = budget;
  const w: Record<string, number> = {};
  for (const [k, x] of p) if (k.startsWith("w.") && Number.isFinite(Number(x)) && Number(x) >= 0 && x !== "") w[k.slice(2)] = Number(x);
  if (Object.keys(w).length) view.w = w;
  const urb = p.get("urb");
  if (urb === "slow" || urb === "base" || urb === "fast") view.urb = urb;
  const speed = Number(p.get("speed"));
  if (p.has("speed") && Number.isFinite(speed) && speed >= 0 && speed <= 3) view.speed = speed;
  const births = p.get("births");
  if (births === "low" || births === "central" || births === "high" || births === "two-child") view.births = births;
  const target = Number(p.get("target"));
  if (p.has("target") && Number.isInteger(target)) view.target = target;
  const deadline = p.get("deadline");
  if (deadline && /^\d{4}-\d{2}-\d{2}$/.test(deadline) && !Number.isNaN(Date.parse(deadline))) view.deadline = deadline;
  const level = Number(p.get("level"));
  if (p.has("level") && Number.isInteger(level) && level > 0 && level <= 100) view.level = level;
  return view;
}
