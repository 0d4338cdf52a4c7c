/**
 * Bounds beyond which a value in an office file is a mistake (an error) rather than a fact, stated as
 * data so a reader can see and change them. A value inside them may still be warned about (rates
 * above 100% are over-delivery: accepted with a warning).
 */
export const PLAUSIBILITY = {
  /** 全面改薄 ran 2014–2019; plans were drawn up in 2013 and late reports came in 2020–21. A 双月报 dated outside is a typing error (2106 for 2016). */
  dateWindow: { from: "2013-01-01", to: "2021-12-31" },
  /** A rate above 20 (2000%) is a unit mistake, not over-delivery (34.37 points read as a share would be 3437%). */
  shareErrorAbove: 20,
  /** Largest plausible value per unit, for one county or province: more is a typing or unit error. */
  maxByUnit: {
    万元: 1e9, // 10 万亿元, more than China's annual public budget; the whole programme was about 5.4e7 万元
    "元/人": 1e7,
    "元/person": 1e7,
    "元/生": 1e7,
    人: 5e7, // more pupils or poor residents than any province has
    pupils: 5e7,
    persons: 2e9,
    "m²": 1e10,
    classes: 1e7,
    schools: 1e6,
    rooms: 1e7,
  } as Record<string, number>,
  /** Units that count whole things: a fraction of a pupil is a warning. */
  countUnits: ["人", "pupils", "persons", "classes", "schools", "rooms"] as readonly string[],
  /** Relative and absolute slack when a 合计 row is compared with the sum of its rows (cells are rounded for display). */
  totalTolerance: { relative: 0.001, absolute: 0.5 },
} as const;
