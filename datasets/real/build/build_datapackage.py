import csv, json, os
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # datasets/real
S = lambda d, **k: dict(type='string', description=d, **k)
N = lambda d, u, **k: dict(type='number', description=d, unit=u, **k)
I = lambda d, u, **k: dict(type='integer', description=d, unit=u, **k)
D = lambda d, **k: dict(type='date', description=d, unit='ISO 8601 date', **k)
SHARE = 'share (0–1)'
F = {
 'source_url': S('Address of the page the figure was read from', required=True),
 'source_title': S('Title of the page or document (Chinese as published)', required=True),
 'quote': S('Short verbatim quote (Chinese, simplified or traditional as on the page) in which the figure appears', required=True),
 'caveat': S('Reliability of the copy: "official page", "official figure, unofficial copy" (repost of an official release on a third-party site), secondary source, or document-sharing copy', required=True),
 'note': S('Interpretation, units, derivations and how ambiguities were resolved'),
 'region': S('Region name in Chinese', required=True),
 'region_level': S('Administrative level of the region', required=True, enum=True),
 'province': S('Province short name (empty for the nation)'),
 'city': S('Prefecture-level city of a county (empty if not applicable)'),
 'league': S('Published table (series) the row belongs to; ranks compare only within a league, indicator and level', required=True, enum=True),
 'indicator': S('start_rate 开工率 (floor area started / plan), completion_rate 竣工率, equipment_rate 设备采购完成率, investment_share 投资完成率, schools_started_share / schools_completed_share (counts of schools), floor_area_added_share', required=True, enum=True),
 'as_of': D('Date the figure refers to (month end for 截至…月底; empty if not stated precisely)'),
 'as_of_basis': S('stated (exact day or period end in the text), stated_month_end, inferred_year (year from context, see note), inferred_context, not_applicable (plans), unknown', required=True, enum=True),
 'value_share': N('Value as a share of plan (0–1; above 1 when work exceeds the plan)', SHARE, required=True, minimum=0, maximum=20),
 'value_pct_as_published': S('Value as published, in percent', required=True),
 'rank': I('Published rank (1 = best) within rank_scope', 'rank', minimum=1),
 'rank_of': I('Number of regions in the league table', 'regions', minimum=1),
 'rank_scope': S('Which league the rank refers to'),
 'denominator_note': S('What the rate divides by, as described in the source'),
 'stage': S('planned, started, under_construction, preparation (前期手续), completed', required=True, enum=True),
 'item': S('What is measured: all (all spending), school_buildings, sports_grounds, equipment, schools', required=True, enum=True),
 'area_m2': N('Floor or ground area', 'm²', minimum=0),
 'amount_yi_yuan': N('Money', '亿元 (1e8 CNY)'),
 'amount_wan_yuan': N('Money', '万元 (1e4 CNY)', required=True, minimum=0),
 'schools': I('Number of schools', 'schools', minimum=0),
 'counties': I('Number of counties', 'counties', minimum=0),
 'qualifier': S('exact, approx (约/近/大约, or rounded as published), more_than (多/超过/以上), derived (computed from published figures on the same page; see note)', required=True, enum=True),
 'derived_share': N('DERIVED share computed from published quantities (not published as a rate); see derived_note', SHARE, minimum=0, maximum=20),
 'derived_note': S('How derived_share or an implied plan was computed'),
 'programme': S('Programme the figure belongs to (not 全面改薄)', required=True),
 'is_gaibo': dict(type='boolean', description='Whether the programme is 全面改薄 (always false here: analogues only)', constraints_required=True),
 'measure': S('What the row measures; the value is in the column named after its unit', required=True, enum=True),
 'threshold_pupils': I('Class size from which a class counts (56 = 大班额, 66 = 超大班额; 45/55 for average-class comparisons)', 'pupils per class', minimum=1),
 'year': I('Year the figure refers to', 'year', required=True, minimum=2000, maximum=2025),
 'level': S('School level', required=True, enum=True),
 'area': S('urban 城区, town 镇区/县镇, rural 乡村/农村, urban_and_town, all', required=True, enum=True),
 'bound': S('exact; more_than / below / at_least (bounds); decrease (a fall, stored positive); target_max (a target ceiling); eliminated (已消除, share 0)', required=True, enum=True),
 'share': N('Share (0–1)', SHARE, minimum=0, maximum=1),
 'classes': I('Number of classes', 'classes', minimum=0),
 'classes_change': I('Change in the number of classes (negative = fewer)', 'classes'),
 'pupils_per_class': N('Average or standard class size', 'pupils per class', minimum=0),
 'places': I('School places (学位)', 'places', minimum=0),
 'persons': I('Number of people (pupils, births, children); may be negative for a change', 'persons'),
 'projects': I('Number of construction projects', 'projects', minimum=0),
 'regions': I('Number of provinces or counties', 'regions', minimum=0),
 'of_regions': I('Out of this many regions', 'regions', minimum=1),
 'm2_per_pupil': N('Area per pupil', 'm² per pupil', minimum=0),
 'yuan_per_pupil': N('Value per pupil', 'yuan per pupil', minimum=0),
 'standard': S('Standard or definition the row comes from', required=True, enum=True),
 'table': S('Table of 建标102-2002: 4-1(1) basic indicators (基本指标), 4-1(2) planning indicators (规划指标)'),
 'school_classes': I('School size in classes', 'classes per school', minimum=1),
 'term': S('standard, near_term (近期) or long_term (远期) class size', enum=True),
 'min_pupils': I('Lower bound of a class-size band', 'pupils per class', minimum=0),
 'max_pupils': I('Upper bound of a class-size band (empty = none)', 'pupils per class', minimum=0),
 'building_area_m2': N('School building area for a school of this size', 'm² per school', minimum=0),
 'building_area_m2_per_pupil': N('School building area per pupil', 'm² per pupil', minimum=0),
 'published': S('Publication date as given (YYYY, YYYY-MM or YYYY-MM-DD); empty if unknown', unit='ISO 8601 (partial)'),
 'rate_per_mille': N('Rate per thousand population', '‰', minimum=0),
 'population_persons': I('Year-end resident population', 'persons', required=True, minimum=0),
 'urban_population_persons': I('Urban resident population (rounded to whole persons)', 'persons', required=True, minimum=0),
 'urbanisation_share': N('Urban share of resident population', SHARE, required=True, minimum=0, maximum=1),
 'birth_rate_per_mille': N('Birth rate', '‰', required=True, minimum=0),
 'death_rate_per_mille': N('Death rate', '‰', required=True, minimum=0),
 'natural_growth_per_mille': N('Natural growth rate', '‰', required=True),
 'factor_group': S('Factor group of the central allocation formula (Chinese)', required=True),
 'factor_group_en': S('Factor group in English', required=True, enum=True),
 'subfactors': S('Sub-factors, separated by "; "', required=True),
 'subfactor_count': I('Number of sub-factors', 'sub-factors', required=True, minimum=1),
 'weight': N('Weight of the factor group (never published; always empty)', SHARE, minimum=0, maximum=1),
 'fund': S('gaibo 全面改薄 (2014–2018/19), bogai_2010_2013 薄改计划, successor_2019 薄弱环节改善与能力提升, local_bogai_2014, weak_schools_all / school_conditions_all (all weak-school programmes)', required=True, enum=True),
 'fund_source': S('Who pays', required=True, enum=True),
 'period_start_year': I('First year covered', 'year', minimum=2000, maximum=2022),
 'period_end_year': I('Last year covered', 'year', minimum=2000, maximum=2022),
 'growth_share': N('Growth on the previous year', SHARE, minimum=0, maximum=1),
 'pupils': I('Pupils benefiting', 'pupils', minimum=0),
 'budget_year': S('Budget year or years (YYYY or YYYY-YYYY)', required=True, unit='year'),
 'rule_kind': S('Kind of rule', required=True, enum=True),
 'subject': S('Rule in plain English', required=True),
 'text_zh': S('Rule text as published (Chinese), when the rule is text'),
 'comparison': S('How the indicator must compare with threshold_share', enum=True),
 'threshold_share': N('Target level', SHARE, minimum=0, maximum=1),
 'deadline': D('Deadline (year end for 到某年底)'),
 'deadline_basis': S('stated or year_end', enum=True),
}
RES = {
 'progress_observations': ('Published progress rates (开工率, 竣工率, 设备采购完成率)', 'One value per region, indicator and date, with published ranks; cross-sections only (no region at two dates). 山东 province + 15 cities (2017-02), 云南 16 州市 (2017-10), 宁德 9 counties (2017-10), 许昌 and 5 counties ranked among 河南\'s 110 (2016-12), single points for 山西, 宁夏, 平凉 and the nation.'),
 'progress_quantities': ('Absolute progress quantities and plan totals', 'Areas, money and school counts behind the rates; derived shares are marked DERIVED and kept apart in derived_share.'),
 'analog_programmes': ('Progress of other school-building programmes', 'Not 全面改薄: 济宁 and 枣庄 big-class elimination 2017–18, 校安工程 2009, 沧州 2018; a reference class for construction speed.'),
 'big_class_national': ('National big-class (大班额) statistics', '56+ and 66+ shares and counts, class totals, average class sizes, per-pupil space and targets for the nation, 2010–2021.'),
 'big_class_provincial': ('Provincial and county big-class statistics', '河南, 湖南, 广西, 安徽 and others: shares, counts, places, projects, funds and numeric targets.'),
 'standards': ('Class-size and building-area standards', '建标102-2002 table 4-1 (urban school building area by school size), 建标109-2008 rural class sizes, and the class-size bands.'),
 'demography': ('National demography and enrolment', 'Births, birth and urbanisation rates, enrolment, entrants, migrant and left-behind children.'),
 'demography_provincial': ('Provincial population, urbanisation and birth rate, 2015', 'China Statistical Yearbook 2016 table 2-8, 26 provinces.'),
 'allocation_factors': ('Central allocation factors (因素法)', 'The 4 factor groups and 10 sub-factors of the 2014 central allocation; no weights were ever published.'),
 'central_totals': ('National fund totals', 'Central allocations and investment, local investment and plan totals (亿元).'),
 'provincial_totals': ('Provincial and city fund totals', 'Cumulative investment by level (central, provincial, city, county) for provinces and cities, with schools, pupils and areas where published.'),
 'provincial_allocations': ('Provincial annual allocations', 'Annual 全面改薄 allocations passed down by provinces (江西, 广西).'),
 'county_allocations': ('County allocations and receipts', 'County receipts and plans, and one real multi-county allocation table (浙江 2021, successor fund: use for shape, not amounts).'),
 'rules': ('Targets and allocation rules', 'Progress targets (双超70%, 过九成), deduction and cost-sharing rules, big-class targets given as text.'),
}
res = []
for name, (title, desc) in RES.items():
    path = name + '.csv'
    rows = list(csv.DictReader(open(os.path.join(OUT, path), encoding='utf-8')))
    header = list(rows[0].keys())
    fields = []
    for c in header:
        spec = dict(F[c])
        if name == 'rules' and c == 'indicator': spec = S('Indicator a numeric target applies to (empty for text rules)', enum=True)
        d = {'name': c, 'type': spec.pop('type'), 'description': spec.pop('description')}
        if 'unit' in spec: d['unit'] = spec.pop('unit')
        cons = {}
        if spec.pop('required', False) or spec.pop('constraints_required', False): cons['required'] = True
        if 'minimum' in spec: cons['minimum'] = spec.pop('minimum')
        if 'maximum' in spec: cons['maximum'] = spec.pop('maximum')
        if spec.pop('enum', False): cons['enum'] = sorted({r[c] for r in rows if r[c] != ''})
        if cons: d['constraints'] = cons
        if c in ('value_share', 'derived_share'): d['warnAbove'] = 1
        fields.append(d)
    urls = sorted({r['source_url'] for r in rows})
    res.append({'name': name, 'path': path, 'title': title, 'description': desc, 'provenance': 'real',
                'sources': [{'title': next(r['source_title'] for r in rows if r['source_url'] == u), 'path': u} for u in urls],
                'format': 'csv', 'encoding': 'utf-8', 'schema': {'fields': fields}})
dp = {'name': 'gaibo-real', 'title': 'Published 全面改薄 and big-class figures from public web pages (curated)',
      'description': 'Curated from /work/shared/realdata: tidy tables, one unit per column, provenance on every row (source_url, source_title, quote, caveat, note). Most pages are reposts of official releases: official figure, unofficial copy. Left-out rows are listed in EXCLUDED.md, decisions in NOTES.md.',
      'resources': res}
json.dump(dp, open(os.path.join(OUT, 'datapackage.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=2)
print('ok', len(res))
