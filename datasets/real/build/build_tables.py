# Builder for datasets/real/*.csv from /work/shared/realdata (curated, provenance on every row).
import csv, os, re, sys, json
from decimal import Decimal
RAW = os.environ.get('GAIBO_REALDATA', '/work/shared/realdata')
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # datasets/real
os.makedirs(OUT, exist_ok=True)
def load(p): return list(csv.DictReader(open(os.path.join(RAW, p), encoding='utf-8')))
def fmt(d): 
    s = format(Decimal(d).normalize(), 'f')
    return s
def pct(p): return fmt(Decimal(str(p)) / 100)
def wan(x): return fmt(Decimal(str(x)) * 10000)
def wan_to_yi(x): return fmt(Decimal(str(x)) / 10000)

TITLES = {}
for p in ['progress/progress_observations.csv', 'bigclass/national.csv', 'bigclass/provincial.csv', 'bigclass/standards.csv', 'bigclass/demography.csv',
          'bigclass/demography_provincial.csv', 'allocation/central_totals.csv', 'allocation/provincial_totals.csv', 'allocation/provincial_allocations.csv',
          'allocation/county_allocations.csv', 'allocation/factors.csv', 'allocation/rules.csv']:
    for r in load(p):
        if r.get('source_title'): TITLES.setdefault(r['source_url'], r['source_title'])
TITLES.update({
 'https://liuxuequn.com/topic/2685750': '全面改薄进展报道: 截至2015年10月底全国已完成5166万平方米校舍建设 (转载)',
 'http://english.gov.cn/news/top_news/2015/12/17/content_281475255484946.htm': 'english.gov.cn top news 2015-12-17: nationwide school improvement project (522.7 billion yuan)',
 'http://www.iosapp77.com/edu/jyzc/1659245-2.html': '全面改薄进展报道: 2014-2016年中央财政累计投入978亿元 (转载)',
 'http://www.fafqdl.cn/edu/focus/2283684.html': '全面改薄成效报道 (2020年口径, 转载)',
 'http://epaper.xbxxb.com/xbxxb/20180816/html/index_content_009.htm': '西部商报/西部学习报 电子版 2018-08-16: 西安市全面改薄项目进展',
 'http://lanzhou.baogaosu.com/xinwen/%E6%88%91%E7%9C%81%E5%8A%A0%E5%BF%AB%E5%85%A8%E9%9D%A2%E6%94%B9%E8%96%84%E9%A1%B9%E7%9B%AE%E8%BF%9B%E5%BA%A6/56568369': '我省加快全面改薄项目进度 (甘肃, 2017-04-17, 转载)',
 'http://qufushi.com/news/bencandy.php?fid=31&id=8274': '济宁市2018年度消除大班额工程等学校重点建设项目进展 (市教育局通报, 截至2月28日, 转载)',
 'https://m.xiangtianlong.com/news/HTML_PC/202001/3382.html': '济宁市2018年度消除大班额工程等学校重点建设项目进展 (截至8月31日, 转载)',
 'https://m.fang.com/news/zaozhuang/0_25861730.html': '枣庄市解决大班额问题 市教育局实时信息 (截至2017-07-24, 房天下转载)',
 'https://news.sohu.com/20091111/n268119127.shtml': '全国中小学校舍安全工程进展 (2009-11, 搜狐转载)',
 'http://www.airosoftsniperrifle.com/diqu/cangzhou/201809/09419333.html': '沧州市中小学校舍提升工程进展 (2018-09, 转载)',
})
OFFICIAL = ('edu.shandong.gov.cn', 'jyt.shanxi.gov.cn', 'www.hunan.gov.cn', 'sjj.kaifeng.gov.cn', 'yncn.gov.cn', 'english.gov.cn', 'gansu.gscn.com.cn')
SECONDARY = ('xuehua.us', 'qianinfo.com', '360docs.net', 'siheng2006.com', 'wodeyuanxiao.com', 'freewechat.com', 'm.fx361.cc', 'renrendoc.com', 'haowendang.cn', 'bbs.hlgnet.com')
def caveat(url):
    host = re.sub(r'^https?://', '', url).split('/')[0]
    if host in ('edu.shandong.gov.cn', 'jyt.shanxi.gov.cn', 'www.hunan.gov.cn', 'sjj.kaifeng.gov.cn', 'yncn.gov.cn', 'english.gov.cn'):
        return 'official page'
    if host == 'www.liandu.gov.cn':
        return 'official document, copy on another government site (丽水市莲都区)'
    if host == 'www.cee.edu.cn':
        return 'official statistics (教育部 教育统计数据), copy on cee.edu.cn'
    if host in ('renrendoc.com', 'haowendang.cn', 'bbs.hlgnet.com'):
        return 'official document, unofficial copy on a document-sharing site'
    if host in ('xuehua.us', 'qianinfo.com', '360docs.net', 'siheng2006.com', 'freewechat.com', 'm.fx361.cc'):
        return 'secondary source citing official figures; unofficial copy'
    if host == 'wodeyuanxiao.com':
        return 'English rendering of an official statement; unofficial copy'
    return 'official figure, unofficial copy'

def prov(r, quote=None, note=''):
    url = r['source_url']
    return dict(source_url=url, source_title=r.get('source_title') or TITLES.get(url, ''), quote=quote if quote is not None else r['quote'],
                caveat=caveat(url), note=note)
PROV_COLS = ['source_url', 'source_title', 'quote', 'caveat', 'note']
excluded = []
def exclude(file, r, reason): excluded.append((file, r.get('indicator') or r.get('quantity') or r.get('programme', ''), r.get('region', ''), r.get('quote', ''), reason))

def write(name, cols, rows):
    for r in rows:
        extra = set(r) - set(cols)
        if extra: raise SystemExit(f'{name}: unknown keys {extra}')
        for c in ('source_url', 'source_title', 'quote', 'caveat'):
            if not r.get(c): raise SystemExit(f'{name}: empty {c} in {r}')
    with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='') as fh:
        w = csv.DictWriter(fh, fieldnames=cols, lineterminator='\n'); w.writeheader()
        for r in rows: w.writerow({c: ('' if r.get(c) is None else r.get(c)) for c in cols})
    print(name, len(rows))

# ============ progress_observations.csv ============
IND = {'start_rate': 'start_rate', 'completion_rate': 'completion_rate', 'equipment_rate': 'equipment_rate', 'investment_rate': 'investment_share'}
PO_COLS = ['league', 'region', 'region_level', 'province', 'indicator', 'as_of', 'as_of_basis', 'value_share', 'value_pct_as_published', 'rank', 'rank_of',
           'rank_scope', 'denominator_note'] + PROV_COLS
po = []
for r in load('progress/progress_observations.csv'):
    s = r['series_id']; lvl = r['region_level']
    rank_of, scope = '', ''
    if r['rank']:
        if s == 'SD-briefing': rank_of, scope = 15, '山东 15 cities (各市校舍建设竣工率 / 各市采购完成率 tables)'
        elif s == 'HA-Xuchang' and lvl == 'city': rank_of, scope = 18, '河南 省辖市 (在全省排名; 18 from the count of 省辖市)'
        elif s == 'HA-Xuchang' and lvl == 'county': rank_of, scope = 110, '河南 110 counties (在全省110个县(市、区)中排名)'
        elif s == 'YN-2017-10': rank_of, scope = 16, '云南 16 州市 (published high-to-low list)'
        elif s == 'FJ-Ningde': rank_of, scope = 9, '宁德 9 counties (published high-to-low list)'
    basis = 'stated_month_end'
    note = ''
    if s == 'NX-news': basis = 'inferred_year'; note = 'year inferred: article says 宁夏于2014年正式启动, 两年来 … 截至去年底, so 去年底 = 2015-12-31'
    if s == 'CN-MOE': note = 'target 双过九成 (90%) by end 2018; the 90% target itself is in rules.csv'
    if s == 'GS-Pingliang': basis = 'stated'; note = 'as_of = end of the stated period 2014–2018 (article published 2019-08)'
    if s == 'HA-Xuchang' and r['indicator'] == 'equipment_rate' and lvl == 'county': note = 'provincial ranks of counties cut off in the excerpt'
    if s == 'YN-2017-10' and r['region'] in ('德宏州', '迪庆州'): note = '德宏 and 迪庆 tie at 100%; rank = position in the published list'
    if s == 'YN-2017-10' and r['indicator'] == 'completion_rate' and lvl == 'city': note = 'only the first two of the high-to-low list are in the excerpt'
    if s == 'SD-briefing' and lvl == 'province': note = 'province row of the same briefing (总第22期)'
    po.append(dict(league=s, region=r['region'], region_level=lvl.replace('national', 'nation'), province=r['province'] or '', indicator=IND[r['indicator']], as_of=r['as_of'],
                   as_of_basis=basis, value_share=pct(r['value_pct']), value_pct_as_published=r['value_pct'], rank=r['rank'], rank_of=rank_of,
                   rank_scope=scope, denominator_note=r['denominator_note'], **prov(r, note=note)))
write('progress_observations.csv', PO_COLS, po)

# ============ progress_quantities.csv ============
PQ_COLS = ['region', 'region_level', 'province', 'as_of', 'as_of_basis', 'stage', 'item', 'area_m2', 'amount_yi_yuan', 'schools', 'counties', 'qualifier',
           'derived_share', 'derived_note'] + PROV_COLS
pq = []
raw = {(r['region'], r['as_of'], r['quantity']): r for r in load('progress/progress_quantities.csv')}
def Q(key, **k):
    r = raw[key]; quote = k.pop('quote', None); note = k.pop('note', '')
    k.setdefault('qualifier', 'exact'); k.setdefault('as_of_basis', 'stated_month_end')
    pq.append(dict(region=r['region'], region_level=r['region_level'].replace('national', 'nation'), province=r['province'], **k, **prov(r, quote=quote, note=note)))
Q(('全国', '2015-10-31', '校舍建设已完成面积'), as_of='2015-10-31', stage='completed', item='school_buildings', area_m2=wan(5166),
  derived_share='0.2348', derived_note='DERIVED 5166万 / 22000万 m² plan; the plan total comes from a different article (english.gov.cn); not a published rate',
  quote='截至2015年10月底,全国已完成5166万平方米的校舍建设', note='national, cumulative since 2014')
Q(('全国', '2015-10-31', '教育仪器设备已购置金额'), as_of='2015-10-31', stage='completed', item='equipment', amount_yi_yuan='282',
  derived_share='0.2645', derived_note='DERIVED 282 / 1066亿 plan (same english.gov.cn article); not a published rate',
  quote='educational equipment worth 28.2 billion yuan had been purchased', note='28.2 billion yuan = 282亿元')
Q(('全国', '2015-10-31', '教育仪器设备已购置金额'), as_of='2015-10-31', stage='completed', item='school_buildings', area_m2=wan(5166),
  quote='construction of 51.66 million sq m of school space had been completed', note='English report of the same national figure (5166万 m²)')
Q(('全国', '(plan)', '五年规划总投入'), as_of=None, as_of_basis='not_applicable', stage='planned', item='all', amount_yi_yuan='5227',
  note='five-year plan total, all sources; 522.7 billion yuan = 5227亿元; also in central_totals.csv')
Q(('全国', '(plan)', '规划'), as_of=None, as_of_basis='not_applicable', stage='planned', item='school_buildings', area_m2=wan('22000'), qualifier='more_than',
  quote='改擴建校舍2.2億多平方米', note='2.2亿多 m² = more than 220 million m²')
Q(('全国', '(plan)', '规划'), as_of=None, as_of_basis='not_applicable', stage='planned', item='sports_grounds', area_m2=wan('21000'),
  quote='體育運動場地2.1億平方米', note='2.1亿 m²')
Q(('全国', '(plan)', '规划'), as_of=None, as_of_basis='not_applicable', stage='planned', item='schools', schools=220000, counties=2600, qualifier='approx',
  quote='規劃投入資金5000多億元,改擴建校舍2.2億多平方米、體育運動場地2.1億平方米,購置教學儀器設備1000多億元',
  note='近22万所 schools in 2600多个 counties (the count sentence is in the same article; see central_totals.csv)')
Q(('全国', '2018-12-31', '新建改扩建校舍 (2014以来)'), as_of='2018-12-31', as_of_basis='inferred_context', stage='completed', item='school_buildings', area_m2=wan('22400'),
  quote='全國共新建改擴建校舍2.24億平方米', note='cumulative 2014–2018 (2020 article about 2014—2018); date = end of the period')
Q(('全国', '2018-12-31', '新建改扩建校舍 (2014以来)'), as_of='2018-12-31', as_of_basis='inferred_context', stage='completed', item='sports_grounds', area_m2=wan('22200'),
  quote='室外運動場2.22億平方米', note='cumulative 2014–2018')
Q(('山东省', '2017-02-28', '竣工面积'), as_of='2017-02-28', stage='completed', item='school_buildings', area_m2=wan('1865.19'),
  derived_share='', derived_note='implied plan = 1865.19 / 0.8718 ≈ 2139.5万 m² (DERIVED), close to the 2140.51万 m² plan of seed file 001')
Q(('山东省', '2017-02-28', '完成设备购置'), as_of='2017-02-28', stage='completed', item='equipment', amount_yi_yuan='77.81', derived_note='implied plan ≈ 80.06亿元 (DERIVED)')
Q(('山西省(98个项目县)', '2015-08-31', '开工 / 竣工面积'), as_of='2015-08-31', stage='started', item='school_buildings', area_m2=wan('60.16'),
  quote='开工校舍面积60.16万平方米', derived_note='implied plan ≈ 216万 m² (DERIVED from 27.85%)')
Q(('山西省(98个项目县)', '2015-08-31', '开工 / 竣工面积'), as_of='2015-08-31', stage='completed', item='school_buildings', area_m2=wan('41.08'),
  quote='已竣工校舍建设面积41.08万平方米', derived_note='implied plan ≈ 216万 m² (DERIVED from 19.02%)')
Q(('云南省', '2017-10-31', '开工 / 竣工面积'), as_of='2017-10-31', stage='started', item='school_buildings', area_m2=wan('613.07'), quote='校舍建设项目开工面积613.07万平方米',
  derived_note='implied plan ≈ 646.8万 m² (DERIVED from 94.79%)')
Q(('云南省', '2017-10-31', '开工 / 竣工面积'), as_of='2017-10-31', stage='completed', item='school_buildings', area_m2=wan('475.92'), quote='竣工面积475.92万平方米',
  derived_note='implied plan ≈ 646.7万 m² (DERIVED from 73.59%)')
Q(('宁德市', '2017-10-31', '开工 / 竣工面积'), as_of='2017-10-31', stage='planned', item='school_buildings', area_m2=wan('33.9'), as_of_basis='not_applicable',
  note='five-year plan 2014~2018')
Q(('宁德市', '2017-10-31', '开工 / 竣工面积'), as_of='2017-10-31', stage='started', item='school_buildings', area_m2=wan('31.35'), quote='已開工項目建設面積31.35萬平方米,占規劃建設校舍總面積的92.37%',
  derived_share='0.9248', derived_note='DERIVED 31.35 / 33.9 = 92.48% vs 92.37% published (plan total rounded)')
Q(('宁德市', '2017-10-31', '开工 / 竣工面积'), as_of='2017-10-31', stage='completed', item='school_buildings', area_m2=wan('27.6'), quote='全市已竣工項目面積27.6萬平方米,占五年總規劃校舍建設總面積的81.4%',
  derived_share='0.8142', derived_note='DERIVED 27.6 / 33.9 = 81.42% vs 81.4% published')
Q(('宁德市', '2017-10-31', '设备购置金额'), as_of='2017-10-31', stage='planned', item='equipment', amount_yi_yuan=wan_to_yi(16684), as_of_basis='not_applicable',
  quote='占五年規劃設備購置總金額(16684萬元)', note='five-year plan; 16684万元')
Q(('宁德市', '2017-10-31', '设备购置金额'), as_of='2017-10-31', stage='completed', item='equipment', amount_yi_yuan=wan_to_yi(14025), quote='全市已完成設備購置金額14025萬元',
  derived_share='0.8406', derived_note='14025 / 16684 = 84.06%, equal to the published rate')
XA = ('西安市', '2018-08 (article 2018-08-16, 截至目前)', '全面改薄项目学校: 已竣工 / 在建 / 前期')
for stage, n in (('planned', 1192), ('completed', 967), ('under_construction', 199), ('preparation', 26)):
    Q(XA, as_of=None, as_of_basis='unknown', stage=stage, item='schools', schools=n,
      derived_share='0.8112' if stage == 'completed' else '', derived_note='DERIVED 967 / 1192 school-count completion; not published as a rate' if stage == 'completed' else '',
      note='2014至2018年 project schools; article 2018-08-16 says 截至目前 (no exact date); 967 + 199 + 26 = 1192')
Q(('平凉市', '2018-12-31', '2014-2018各级财政投入 (中央/省/市/县)'), as_of='2018-12-31', as_of_basis='stated', stage='completed', item='all', amount_yi_yuan='22.72',
  quote='各级财政共投入资金22.72亿元', note='2014-2018 all levels; = 100.23% of the five-year plan (progress_observations.csv); split in provincial_totals.csv')
write('progress_quantities.csv', PQ_COLS, pq)
for key in [('全国', '2016-12-31', '中央财政累计投入 2014-2016'), ('全国', '2018-12-31', '中央财政专项补助资金累计 / 带动地方投入'),
            ('全国', '2018-12-31', '中央累计 / 带动地方 (2014-2018, 2020年口径)'), ('云南省', '2017-10-31', '累计投入专项资金 (中央/省级/州县)'),
            ('甘肃省', '2016-12-31', '三年来累计投入资金 (2014-2016)'), ('宁夏回族自治区', '2015-12-31', '两年来共投入资金')]:
    pass  # money totals moved to central_totals.csv / provincial_totals.csv below
exclude('progress/progress_quantities.csv', raw[('桂林市', '(plan)', '全面改薄五年规划投资 / 改扩建校舍面积')],
        'no page address: the only copy found is the news text pasted into a GitHub demo JSP page (find_string id 8670872567, repository not identified); provenance too weak')
exclude('progress/progress_quantities.csv', raw[('我省', '2015-05-31', '校舍开工 / 完工面积')], 'province not named in the excerpt (我省); cannot be attached to a region')

# ============ analog_programmes.csv ============
AIND = {'start_rate_schools': 'schools_started_share', 'start_rate_area': 'start_rate', 'completion_rate_schools': 'schools_completed_share',
        'completion_rate_area': 'completion_rate', 'investment_rate': 'investment_share', 'area_rate': 'floor_area_added_share'}
AP_COLS = ['programme', 'is_gaibo', 'region', 'region_level', 'province', 'indicator', 'as_of', 'as_of_basis', 'value_share', 'value_pct_as_published',
           'denominator_note'] + PROV_COLS
ap = []
for r in load('progress/analog_programmes.csv'):
    as_of, basis, note = r['as_of'], 'stated', ''
    if as_of == '2018-09': as_of, basis, note = '', 'unknown', 'article 2018-09 says 截至目前; no exact date, so as_of is left empty'
    if r['as_of'] == '2009-10-31': basis = 'stated_month_end'
    if '17.1 to 18万' in r['denominator_note']: note = 'plan area restated from 17.1万 to 18万 m² between the two bulletins'
    if r['programme'].startswith('枣庄'): note = 'as_of 7月24日 (not a month end)'
    ap.append(dict(programme=r['programme'], is_gaibo='false', region=r['region'], region_level=r['region_level'].replace('national', 'nation'), province=r['province'] or '',
                   indicator=AIND[r['indicator']], as_of=as_of, as_of_basis=basis, value_share=pct(r['value_pct']), value_pct_as_published=r['value_pct'],
                   denominator_note=r['denominator_note'], **prov(r, note=note)))
write('analog_programmes.csv', AP_COLS, ap)

# ============ big class national / provincial ============
VAL_COLS = ['share', 'classes', 'classes_change', 'pupils_per_class', 'places', 'persons', 'schools', 'projects', 'regions', 'of_regions',
            'area_m2', 'm2_per_pupil', 'yuan_per_pupil', 'amount_yi_yuan']
BC_HEAD = ['measure', 'threshold_pupils', 'region', 'region_level', 'province', 'year', 'as_of', 'level', 'area', 'bound']
def bc_rows(src, spec):
    out = []
    for r, vals in spec:
        out.append(vals | {'_r': r})
    return out
def bc_write(name, rows):
    used = [c for c in VAL_COLS if any(r.get(c) not in (None, '') for r in rows)]
    cols = BC_HEAD + used + PROV_COLS
    final = []
    for x in rows:
        r = x.pop('_r'); quote = x.pop('quote', None); note = x.pop('note', r.get('note', ''))
        x.setdefault('bound', 'exact')
        final.append(x | prov(r, quote=quote, note=note))
    write(name, cols, final)
LEVEL = {'junior': 'junior', 'primary': 'primary', 'compulsory': 'compulsory', 'senior_high': 'senior_high'}
nat = load('bigclass/national.csv')
N = []
def find(rows, **k):
    hits = [r for r in rows if all(r[a] == b for a, b in k.items())]
    assert len(hits) >= 1, k
    return hits
def nrow(r, **v):
    base = dict(region='全国', region_level='nation', province='', year=r['year'], as_of=r['date'] if re.fullmatch(r'\d{4}-\d{2}-\d{2}', r['date']) else '',
                level=r['level'], area=r['area'].replace('urban+town', 'urban_and_town'))
    N.append(base | v | {'_r': r})
for r in nat:
    ind, v = r['indicator'], r['value']
    if ind == 'avg_class_size':
        nrow(r, measure='avg_class_size', pupils_per_class=v, note='secondary article citing 2017 MOE data')
    elif ind == 'bigclass_56plus_change_pct':
        nrow(r, measure='big_class_change_share', threshold_pupils=56, share=pct(abs(Decimal(v))), bound='decrease', note='share decrease vs 2017: 10.3 / 36.8 = 28%')
    elif ind == 'superclass_66plus_change_pct':
        nrow(r, measure='big_class_change_share', threshold_pupils=66, share=pct(abs(Decimal(v))), bound='decrease', note='share decrease vs 2017')
    elif ind in ('bigclass_56plus_change_vs_prev_year', 'superclass_66plus_change_vs_prev_year'):
        nrow(r, measure='big_class_change', threshold_pupils=56 if '56' in ind else 66, classes_change=wan(v), note='change on the previous year, classes')
    elif ind in ('bigclass_56plus_count', 'superclass_66plus_count'):
        note = r['note']
        if r['year'] == '2018':
            note = ('page drops decimal points ("26 5万个", "1 87万个"); read as 26.5万 / 1.87万, confirmed by 36.8万 − 10.3万 = 26.5万 and 8.6万 − 6.7万 = 1.9万 ≈ 1.87万, '
                    'and by the shares (265000 / 3754900 = 7.06%, 18700 / 3754900 = 0.50%); 56+ count includes the 66+ classes')
        nrow(r, measure='big_class_count', threshold_pupils=56 if '56' in ind else 66, classes=wan(v), note=note)
    elif ind in ('bigclass_56plus_share', 'superclass_66plus_share'):
        note = r['note']
        if r['year'] == '2010':
            note = '2010 shares by area of primary schools: 县镇 (old classification) → town, 城市 → urban, 农村 → rural; level primary and all three areas are settled by the full sentence quoted'
            quote = '2010 年,县镇小学中有超过 29.65% 的班级是 56 人以上的大班,城市小学有 25.81% 班级超标,而农村的比例只有 6.93%'
            b = 'more_than' if r['area'] == 'town' else 'exact'
            nrow(r, measure='big_class_share', threshold_pupils=56, share=pct(v), bound=b, quote=quote, note=note)
            continue
        if r['year'] == '2018': note = 'page drops decimal points ("7 06%", "0 5%"); read as 7.06% and 0.5%, consistent with the class counts'
        if r['year'] == '2020': note = "目前 at the 2020-09-23 press conference; the same quote says 66+ classes are 基本消除 (all within 66)"
        nrow(r, measure='big_class_share', threshold_pupils=56 if '56' in ind else 66, share=pct(v), note=note)
    elif ind == 'bigclass_56plus_share_lower_bound':
        nrow(r, measure='big_class_share', threshold_pupils=56, share=pct(v), bound='more_than', note='城区和县镇小学 above 15%')
    elif ind == 'bigclass_56plus_share_upper_bound':
        nrow(r, measure='big_class_share', threshold_pupils=56, share=pct(v), bound='below', note='农村 below 5% (rural primary)')
    elif ind == 'classes_total':
        if r['year'] == '':
            exclude('bigclass/national.csv', r, 'year not visible in the excerpt of the junior class table (cee.edu.cn); cannot be dated'); continue
        nrow(r, measure='classes_total', classes=wan(v) if r['unit'] == '万个' else v,
             note=('page drops decimal points ("375 49万个"); read as 375.49万, consistent with 26.5万 = 7.06% of it' if r['unit'] == '万个' else r['note']))
    elif ind == 'schools':
        nrow(r, measure='schools_total', schools=v, note='primary schools 2018 (plus 101398 teaching points)')
    elif ind == 'enrolment_change_2006_2015':
        nrow(r, measure='enrolment_change_2006_2015', persons=wan(v), note='change 2006–2015; ' + ('page writes "968 .4万"' if r['area'] == 'town' else ''))
    elif ind == 'equipment_value_per_pupil':
        nrow(r, measure='equipment_value_per_pupil', yuan_per_pupil=v, note='2012 → 2021 (2022 press conference)')
    elif ind == 'sports_ground_per_pupil':
        nrow(r, measure='sports_ground_per_pupil', m2_per_pupil=v, note=r['note'] or '2012 → 2021')
    elif ind == 'teaching_space_per_pupil':
        nrow(r, measure='teaching_space_per_pupil', m2_per_pupil=v, note='2012 → 2021')
    elif ind == 'provinces_avg_junior_class_over_45':
        nrow(r, measure='provinces_avg_class_above', threshold_pupils=45, regions=v, note='15 provinces above 45 pupils per junior class (and 2 above 55) in 2015')
        nrow(r, measure='provinces_avg_class_above', threshold_pupils=55, regions=2, quote='2个省份超过每班55人', note='2015')
    elif ind == 'senior_bigclass_56plus_share':
        nrow(r, measure='big_class_share', threshold_pupils=56, share=pct(v), note='senior high school, not compulsory; context only')
    elif ind == 'target_bigclass_56plus_max_share':
        nrow(r, measure='big_class_share', threshold_pupils=56, share=pct(v), bound='target_max', note='2020 target: 基本消除 56+ = within 5%')
    elif ind == 'target_superclass_66plus_max_share':
        nrow(r, measure='big_class_share', threshold_pupils=66, share=pct(v), bound='target_max', note='2018 target: 基本消除 66+ = within 2%')
    elif ind == 'superclass_66plus_status':
        exclude('bigclass/national.csv', r, 'text only (基本消除); kept as a note on the 2020 3.98% row')
    elif ind == 'class_size_definition':
        pass  # in standards.csv
    else:
        raise SystemExit('unhandled national ' + ind)
for x in N:
    if x['area'] == '': x['area'] = 'all'
bc_write('big_class_national.csv', N)

P = []
def prow(r, region, level_, province, **v):
    P.append(dict(region=region, region_level=level_, province=province, year=r['year'],
                  as_of=r['date'] if re.fullmatch(r'\d{4}-\d{2}-\d{2}', r['date']) else '', level=r['level'].replace('primary+secondary', 'primary_and_secondary'),
                  area=r['area'].replace('urban+town', 'urban_and_town')) | v | {'_r': r})
for r in load('bigclass/provincial.csv'):
    ind, v, reg = r['indicator'], r['value'], r['region']
    parts = reg.split('/')
    if len(parts) == 3: region, lvl, provn = parts[2], 'county', parts[0]
    elif len(parts) == 1: region, lvl, provn = reg, 'province', reg
    else: region, lvl, provn = None, None, None
    if ind == 'avg_class_size':
        if '/' in reg:
            for p_ in reg.split('/'):
                prow(r, p_, 'province', p_, measure='avg_class_size', pupils_per_class=v, note='largest provincial primary average in 2015, shared by 江苏, 山东 and 湖南')
        else:
            prow(r, reg, 'province', reg, measure='avg_class_size', pupils_per_class=v, note='largest provincial junior average in 2015')
    elif ind == 'bigclass_56plus_eliminated':
        for p_ in reg.split('/'):
            prow(r, p_, 'province', p_, measure='big_class_share', threshold_pupils=56, share='0', bound='eliminated', note='已经消除 read as share 0 (eliminated) by end 2018')
    elif ind == 'superclass_reduction_min':
        for p_ in reg.split('/'):
            prow(r, p_, 'province', p_, measure='big_class_change', threshold_pupils=66, classes_change='-3300', bound='more_than',
                 note='2018: each of these 8 provinces cut 66+ classes by more than 3300')
    elif ind == 'bigclass_56plus_count':
        prow(r, region, lvl, provn, measure='big_class_count', threshold_pupils=56, classes=v, as_of='', note='autumn 2017 (2017年秋季); includes the 740 classes of 66+')
    elif ind == 'superclass_66plus_count':
        prow(r, region, lvl, provn, measure='big_class_count', threshold_pupils=66, classes=v, note='autumn 2017')
    elif ind == 'classes_total':
        prow(r, region, lvl, provn, measure='classes_total', classes=v, note='autumn 2017' if lvl == 'county' else '2017')
    elif ind == 'school_places_needed':
        prow(r, region, lvl, provn, measure='places_needed', places=v, note='minimum places to remove all 66+ classes by autumn 2018')
    elif ind in ('bigclass_56plus_share', 'superclass_66plus_share'):
        note = r['note'] if r['note'] and 'as published' not in r['note'] else ''
        if provn == '河南' and lvl == 'province':
            note = '河南省教育厅 at the provincial People\'s Congress press conference; 56+ share includes 66+ (national definition); ' + ('2013' if r['year'] == '2013' else 'end of 2018 (2018年底)')
        prow(r, region, lvl, provn, measure='big_class_share', threshold_pupils=56 if '56' in ind else 66, share=pct(v),
             as_of='2018-12-31' if (provn == '河南' and r['year'] == '2018') else '', note=note)
    elif ind == 'bigclass_bond_fund':
        prow(r, region, lvl, provn, measure='big_class_fund_bond', amount_yi_yuan=v, note='July 2018, from local government bonds')
    elif ind == 'bigclass_reward_fund_3yr':
        prow(r, region, lvl, provn, measure='big_class_fund_reward_3yr', amount_yi_yuan=v, bound='at_least',
             note='不少于45亿元 over three years, about 1/3 of big-class construction funds (implies ≈135亿, not stated)')
    elif ind == 'bigclass_reward_fund_per_year':
        prow(r, region, lvl, provn, measure='big_class_fund_reward_per_year', amount_yi_yuan=wan_to_yi(v), note='5000万元 a year')
    elif ind == 'counties_total':
        prow(r, region, lvl, provn, measure='counties_total', regions=v)
    elif ind in ('counties_bigclass_share_below_5pct', 'counties_superclass_eliminated', 'counties_superclass_share_below_2pct'):
        thr, share = {'counties_bigclass_share_below_5pct': (56, '0.05'), 'counties_superclass_eliminated': (66, '0'), 'counties_superclass_share_below_2pct': (66, '0.02')}[ind]
        prow(r, region, lvl, provn, measure='counties_with_share_below' if share != '0' else 'counties_with_share_zero', threshold_pupils=thr, share=share,
             regions=v, of_regions=111, bound='below' if share != '0' else 'eliminated', note='county distribution, 2017-08; share = the threshold')
    elif ind == 'enrolment':
        prow(r, region, lvl, provn, measure='enrolment', persons=wan(v), note='primary and secondary (中小学) pupils')
    elif ind == 'schools_count':
        prow(r, region, lvl, provn, measure='schools_total', schools=v, note='中小学 schools')
    elif ind == 'standardization_investment_2009_2016':
        prow(r, region, lvl, provn, measure='standardisation_investment_2009_2016', amount_yi_yuan=v, bound='more_than', note='700多亿元')
    elif ind == 'furong_schools_fund_4yr':
        prow(r, region, lvl, provn, measure='furong_schools_fund_4yr', amount_yi_yuan=v, note='40 poverty counties, 芙蓉学校')
        prow(r, region, lvl, provn, measure='furong_schools_area_planned', area_m2=wan('129.3'), quote='预计新建校舍面积达129.3万平方米', note='芙蓉学校')
        prow(r, region, lvl, provn, measure='furong_schools_places_planned', places=wan('8.7'), quote='新增学位8.7万个', note='芙蓉学校')
    elif ind == 'new_building_area_planned':
        prow(r, region, lvl, provn, measure='new_building_area_planned', area_m2=v, note='22 schools, teaching buildings')
    elif ind == 'new_school_places_planned':
        prow(r, region, lvl, provn, measure='places_planned', places=v, note='27300 m² → 6140 places')
    elif ind == 'new_school_places_cumulative':
        prow(r, region, lvl, provn, measure='places_added_cumulative', places=wan(v), note='扩充城镇义务教育资源五年计划, cumulative')
    elif ind == 'plan_units_counties':
        prow(r, region, lvl, provn, measure='plan_counties', regions=v, note='incl. development zones and oilfields')
    elif ind == 'superclass_66plus_eliminated_ytd':
        prow(r, region, lvl, provn, measure='big_class_change', threshold_pupils=66, classes_change='-' + v, note='Jan–Aug 2018 (今年以来)')
    elif ind in ('urban_school_projects_completed_5yr', 'urban_school_projects_planned_5yr', 'urban_schools_expanded_5yr', 'urban_schools_new_built_5yr'):
        m = {'urban_school_projects_completed_5yr': 'urban_projects_completed', 'urban_school_projects_planned_5yr': 'urban_projects_planned',
             'urban_schools_expanded_5yr': 'urban_projects_expanded', 'urban_schools_new_built_5yr': 'urban_projects_new_built'}[ind]
        prow(r, region, lvl, provn, measure=m, projects=v, note='扩充城镇义务教育资源五年计划 (2014–2018)')
    elif ind == 'urban_schools_planned_new_or_expanded':
        prow(r, region, lvl, provn, measure='urban_schools_planned_2018', schools=v, note='2018 plan, plus 746 projects carried over')
    elif ind in ('target_bigclass_56plus_max_share', 'target_superclass_66plus_max_share'):
        prow(r, region, lvl, provn, measure='big_class_share', threshold_pupils=56 if '56' in ind else 66, share=pct(v), bound='target_max',
             as_of='', note=f'target for the end of {r["year"]} (published {r["date"]})')
    elif ind == 'target_superclass_66plus':
        pass  # text targets in rules.csv
    else:
        raise SystemExit('unhandled provincial ' + ind)
for x in P:
    if x['area'] == '': x['area'] = 'all'
bc_write('big_class_provincial.csv', P)

# ============ standards.csv ============
ST_COLS = ['standard', 'measure', 'level', 'area', 'table', 'school_classes', 'pupils_per_class', 'term', 'min_pupils', 'max_pupils',
           'building_area_m2', 'building_area_m2_per_pupil'] + PROV_COLS
st = []
std = load('bigclass/standards.csv')
totals = {}
for r in std:
    m = re.match(r'building_area_(per_pupil|total)_table(4-1\(\d\))', r['indicator'])
    if m:
        lvl = 'junior' if r['level'].startswith('junior') else 'primary'
        size = int(re.search(r'(\d+)班', r['note']).group(1))
        key = (m.group(2), lvl, size)
        d = totals.setdefault(key, {'_r': r})
        d['per' if m.group(1) == 'per_pupil' else 'tot'] = r['value']
        if m.group(1) == 'total': d['_r'] = r
for (table, lvl, size), d in sorted(totals.items()):
    r = d['_r']
    st.append(dict(standard='建标102-2002 城市普通中小学校校舍建设标准', measure='building_area', level=lvl, area='urban', table=table, school_classes=size,
                   pupils_per_class=45 if lvl == 'primary' else 50, building_area_m2=d['tot'], building_area_m2_per_pupil=d['per'],
                   **prov(r, note=('table 4-1(1) 基本指标' if table == '4-1(1)' else 'table 4-1(2) 规划指标 (the garbled page labels it 基本指标)') +
                          f'; per pupil = area / ({size} classes × {45 if lvl == "primary" else 50}); text columns of the copy are out of order')))
for r in std:
    ind = r['indicator']
    if ind.startswith('building_area'): continue
    lvl = 'junior' if r['level'].startswith('junior') else 'primary'
    if ind == 'standard_class_size':
        small = '非完全小学' in r['level']
        st.append(dict(standard='建标109-2008 农村普通中小学校建设标准' if r['area'] == 'rural' else '建标102-2002 城市普通中小学校校舍建设标准',
                       measure='class_size', level='primary_incomplete' if small else lvl, area=r['area'], pupils_per_class=r['value'], term='standard',
                       **prov(r, note='4-class incomplete primary school' if small else r['note'])))
    elif ind.startswith('standard_class_size_'):
        st.append(dict(standard='建标109-2008 农村普通中小学校建设标准', measure='class_size', level=lvl, area='rural', pupils_per_class=r['value'],
                       term='near_term' if 'near' in ind else 'long_term', **prov(r)))
    elif ind == 'target_bigclass_56plus_max_share':
        pass  # rules.csv
for r in nat:
    if r['indicator'] == 'class_size_definition':
        for name, lo, hi in (('normal', 36, 45), ('somewhat_large', 46, 55), ('big', 56, 65), ('super_big', 66, '')):
            st.append(dict(standard='class-size bands (大班额 definitions)', measure='class_size_band_' + name, level='compulsory', area='all', min_pupils=lo,
                           max_pupils=hi, **prov(r, note='“66人以上” has no upper bound')))
write('standards.csv', ST_COLS, st)

# ============ demography.csv ============
DM_COLS = ['measure', 'region', 'year', 'published', 'level', 'area', 'persons', 'rate_per_mille', 'share', 'qualifier'] + PROV_COLS
dm = []
for r in load('bigclass/demography.csv'):
    ind, v, unit = r['indicator'], r['value'], r['unit']
    if r['note'].startswith('YEAR INFERRED') or r['note'] == 'YEAR INFERRED':
        exclude('bigclass/demography.csv', r, 'year inferred from the page path only (202111); the quote does not settle the year'); continue
    if unit in ('万所', '万平方米'):
        exclude('bigclass/demography.csv', r, 'school count or floor area, not a demographic measure (not used by the models)'); continue
    if ind in ('primary_entrants', 'primary_enrolment'):
        ind = 'new_entrants' if ind == 'primary_entrants' else 'enrolment'
    base = dict(measure=ind, region='全国', year=r['year'], published=r['date'], level=(r['level'] or 'all').replace('junior(初中阶段教育)', 'junior_incl_vocational'),
                area=r['area'] or 'all', qualifier='exact')
    if unit in ('万人', '万人/年'): base['persons'] = wan(v)
    elif unit == '人': base['persons'] = v
    elif unit == '‰': base['rate_per_mille'] = v
    elif unit == '%': base['share'] = pct(v)
    else: raise SystemExit('unit ' + unit)
    note = r['note']
    if ind == 'births_avg_2011_2015': note = 'annual average of 2011–2015 (十二五)'
    if ind.startswith('urbanization_rate'): base['measure'] = ind.replace('urbanization_rate_', 'urbanisation_share_')
    if ind == 'urbanization_target': base['measure'] = 'urbanisation_share_resident_target'
    if ind.startswith('enrolment') and r['source_url'].startswith('https://360docs'): note = 'secondary compilation of primary enrolment; verify against 统计公报 before hard validation'
    if ind == 'enrolment' and r['value'] == '10800' and r['year'] == '2023':
        base['qualifier'] = 'approx'  # 1.08亿 is rounded to 0.01亿
    dm.append(base | prov(r, note=note))
    # The 2023 release states the change on 2022: the 2022 entrants follow (DERIVED, same page and quote).
    if ind == 'new_entrants' and r['year'] == '2023' and base['level'] == 'primary':
        dm.append(dict(base, year='2022', persons=wan('1701.38'), qualifier='derived') | prov(r, note='DERIVED: 2023 entrants 1877.88万 − the stated increase 176.5万 = 1701.38万'))
    if ind == 'urbanization_target':
        dm.append(dict(base, measure='urbanisation_share_hukou_target', share='0.45', qualifier='approx') | prov(r, quote='戶籍人口城鎮化率要達到45%左右', note='十三五 target (45%左右)'))
    if ind == 'migrant_children_public_school_share':
        for lv, s in (('primary', '79.00'), ('junior', '81.60')):
            dm.append(dict(base, level=lv, share=pct(s)) | prov(r, quote=f'{"小學" if lv == "primary" else "初中"}為{s}%', note='share of migrant children in public schools'))
write('demography.csv', DM_COLS, dm)

DP_COLS = ['province', 'year', 'population_persons', 'urban_population_persons', 'urbanisation_share', 'birth_rate_per_mille', 'death_rate_per_mille',
           'natural_growth_per_mille'] + PROV_COLS
dp = []
seen = {}
for r in load('bigclass/demography_provincial.csv'):
    seen.setdefault(r['region'], r)
for prov_name, r in seen.items():
    f = r['quote'].split('|')
    assert f[0] == prov_name, r
    dp.append(dict(province=prov_name, year=2015, population_persons=wan(f[1]), urban_population_persons=str(int((Decimal(f[2]) * 10000).quantize(Decimal(1)))),
                   urbanisation_share=pct(f[3]), birth_rate_per_mille=f[6], death_rate_per_mille=f[7], natural_growth_per_mille=f[8],
                   **prov(r, note='yearbook row: region | population (万) | urban (万) | urban % | rural (万) | rural % | birth ‰ | death ‰ | natural growth ‰; '
                          'urban population rounded to whole persons; 26 of 31 provinces are in the source excerpt')))
write('demography_provincial.csv', DP_COLS, sorted(dp, key=lambda x: x['province']))

# ============ allocation_factors.csv ============
AF_COLS = ['factor_group', 'factor_group_en', 'subfactors', 'subfactor_count', 'weight', 'year'] + PROV_COLS
EN = {'基础因素': 'basic', '投入因素': 'input_effort', '绩效因素': 'performance', '管理因素': 'management'}
af = []
for r in load('allocation/factors.csv'):
    if r['indicator'] == 'factor_definition':
        af.append(dict(factor_group=r['factor'], factor_group_en=EN[r['factor']], subfactors=r['subfactor'], subfactor_count=r['value'], weight='', year=r['year'],
                       **prov(r, note='weight not published (no weights found anywhere); ' + r['note'])))
    else:
        af.append(dict(factor_group='全部', factor_group_en='all', subfactors='4类因素、10个子因素', subfactor_count=10, weight='', year=r['year'],
                       **prov(r, note='structure row: 4 groups, 10 sub-factors; ' + r['note'])))
write('allocation_factors.csv', AF_COLS, af)

# ============ central_totals.csv ============
CT_COLS = ['measure', 'fund', 'period_start_year', 'period_end_year', 'published', 'amount_yi_yuan', 'growth_share', 'qualifier'] + PROV_COLS
ct = []
def C(r, **k):
    quote = k.pop('quote', None); note = k.pop('note', r.get('note', ''))
    k.setdefault('qualifier', 'exact'); k.setdefault('published', r.get('date') or '')
    ct.append(k | prov(r, quote=quote, note=note))
for r in load('allocation/central_totals.csv'):
    i = r['indicator']
    if i == 'central_fund_cumulative_2010_2013': C(r, measure='central_allocated', fund='bogai_2010_2013', period_start_year=2010, period_end_year=2013, amount_yi_yuan=r['value'])
    elif i == 'central_fund_growth': C(r, measure='central_allocated_growth', fund='gaibo', period_start_year=2014, period_end_year=2014, growth_share=pct(r['value']),
                                         note='2014 allocation vs 2013')
    elif i == 'central_fund_total': C(r, measure='central_allocated', fund='gaibo', period_start_year=2014, period_end_year=2014, amount_yi_yuan=r['value'],
                                        note='2014 central allocation (two independent copies kept)')
    elif i == 'central_investment_cumulative_2012_2015': C(r, measure='central_invested', fund='weak_schools_all', period_start_year=2012, period_end_year=2015, amount_yi_yuan=r['value'])
    elif i == 'central_investment_cumulative_2012_2021': C(r, measure='central_invested', fund='school_conditions_all', period_start_year=2012, period_end_year=2021,
                                                           amount_yi_yuan=r['value'], qualifier='more_than')
    elif i == 'local_investment_cumulative_2012_2021': C(r, measure='local_invested', fund='school_conditions_all', period_start_year=2012, period_end_year=2021,
                                                         amount_yi_yuan=r['value'], qualifier='more_than')
    elif i == 'gaibo_planned_total_investment': C(r, measure='plan_total_all_sources', fund='gaibo', period_start_year=2014, period_end_year=2018, amount_yi_yuan=r['value'],
                                                  qualifier='more_than', quote='規劃投入資金5000多億元')
    elif i == 'gaibo_planned_equipment': C(r, measure='plan_equipment_all_sources', fund='gaibo', period_start_year=2014, period_end_year=2018, amount_yi_yuan=r['value'], qualifier='more_than')
    elif i in ('gaibo_planned_building_area', 'gaibo_planned_sports_ground_area', 'gaibo_schools_covered', 'poor_area_building_area_2013_2019'):
        continue  # physical quantities: progress_quantities.csv (plan rows) / below
    else: raise SystemExit('unhandled central ' + i)
pqraw = raw
r = pqraw[('全国', '(plan)', '五年规划总投入')]
C(r, measure='plan_total_all_sources', fund='gaibo', period_start_year=2014, period_end_year=2018, amount_yi_yuan='5227', published='2015-12-17',
  note='522.7 billion yuan (English report)')
r = pqraw[('全国', '2016-12-31', '中央财政累计投入 2014-2016')]
C(r, measure='central_invested', fund='gaibo', period_start_year=2014, period_end_year=2016, amount_yi_yuan='978', published='', note='cumulative 2014–2016')
r = pqraw[('全国', '2018-12-31', '中央财政专项补助资金累计 / 带动地方投入')]
C(r, measure='central_invested', fund='gaibo', period_start_year=2014, period_end_year=2018, amount_yi_yuan='1699', published='2019-02-26',
  quote='截至2018年底,中央财政共投入专项补助资金1699亿元', note='MOE press conference 2019-02')
C(r, measure='local_invested', fund='gaibo', period_start_year=2014, period_end_year=2018, amount_yi_yuan='3727', published='2019-02-26',
  quote='带动地方投入3727亿元,比规划投入多200亿元', note='1699 + 3727 = 5426 = 5227 plan + 199 (≈ 比规划投入多200亿元)')
r = pqraw[('全国', '2018-12-31', '中央累计 / 带动地方 (2014-2018, 2020年口径)')]
C(r, measure='local_invested', fund='gaibo', period_start_year=2014, period_end_year=2018, amount_yi_yuan='4457', published='',
  quote='帶動地方投入4457億元', note='later (2020) figure for the same period differs from 3727 in the 2019 release; both kept')
C(r, measure='central_invested', fund='gaibo', period_start_year=2014, period_end_year=2018, amount_yi_yuan='1699', published='',
  quote='累計投入資金1699億元', note='same central figure in the 2020 article')
write('central_totals.csv', CT_COLS, ct)
# remaining national physical plan rows into progress_quantities (append)
extra_pq = []
for r in load('allocation/central_totals.csv'):
    i = r['indicator']
    if i == 'gaibo_schools_covered':
        extra_pq.append(dict(region='全国', region_level='nation', province='', as_of='', as_of_basis='not_applicable', stage='planned', item='schools', schools=220000,
                             counties=2600, qualifier='approx', **prov(r, note='近22万所 schools (approx below) in 2600多个 counties')))
    if i == 'poor_area_building_area_2013_2019':
        extra_pq.append(dict(region='全国(贫困地区)', region_level='nation', province='', as_of='2019-12-31', as_of_basis='inferred_context', stage='completed',
                             item='school_buildings', area_m2=wan('22100'), qualifier='approx', **prov(r, note='2013–2019 poor areas, 大约2.21亿 m² (all programmes)')))
pq = [x for x in pq if not (x['item'] == 'schools' and x['region'] == '全国')] + extra_pq
write('progress_quantities.csv', PQ_COLS, pq)

# ============ provincial_totals.csv ============
PT_COLS = ['region', 'region_level', 'province', 'measure', 'fund', 'fund_source', 'period_start_year', 'period_end_year', 'as_of', 'amount_yi_yuan', 'share',
           'schools', 'pupils', 'area_m2', 'qualifier'] + PROV_COLS
pt = []
def T(r, **k):
    quote = k.pop('quote', None); note = k.pop('note', r.get('note', ''))
    k.setdefault('qualifier', 'exact')
    pt.append(k | prov(r, quote=quote, note=note))
for r in load('allocation/provincial_totals.csv'):
    i, reg = r['indicator'], r['region']
    FULL = {'河南': '河南省', '甘肃': '甘肃省', '宁夏': '宁夏回族自治区'}
    region, lvl, provn = (reg.split('/')[1], 'city', reg.split('/')[0]) if '/' in reg else (FULL.get(reg, reg), 'province', reg)
    G = dict(region=region, region_level=lvl, province=provn)
    if i == 'central_fund_cumulative_2010_2013': T(r, **G, measure='allocated', fund='bogai_2010_2013', fund_source='central', period_start_year=2010, period_end_year=2013,
                                                   amount_yi_yuan=r['value'], quote='財政部、教育部共為我省安排下達農村義務教育薄弱學校改造計劃專項資金39.42億元')
    elif i == 'provincial_match_cumulative_2010_2013': T(r, **G, measure='allocated', fund='bogai_2010_2013', fund_source='provincial', period_start_year=2010, period_end_year=2013, amount_yi_yuan=r['value'])
    elif i == 'city_county_match_cumulative_2010_2013': T(r, **G, measure='allocated', fund='bogai_2010_2013', fund_source='city_and_county', period_start_year=2010, period_end_year=2013, amount_yi_yuan=r['value'])
    elif i == 'total_investment_cumulative_2010_2013': T(r, **G, measure='invested', fund='bogai_2010_2013', fund_source='all_levels', period_start_year=2010, period_end_year=2013,
                                                         amount_yi_yuan=r['value'], note='39.42 + 4.61 + 1.04 = 45.07; 5713 project schools')
    elif i == 'gaibo_annual_investment': T(r, **G, measure='invested', fund='gaibo', fund_source='all_levels', period_start_year=2016, period_end_year=2016, amount_yi_yuan=r['value'],
                                           note='今年 = 2016, inferred: the same article says 两年来 since the 2014 start and 截至去年底')
    elif i == 'gaibo_building_area_cumulative': T(r, **G, measure='buildings_completed', fund='gaibo', fund_source='all_levels', period_start_year=2014, period_end_year=2018,
                                                  as_of='2018-12-31', schools=17900, area_m2=wan(r['value']), note='1.79万 schools, 1772万 m²')
    elif i == 'gaibo_cumulative_investment':
        y = int(r['year'])
        T(r, **G, measure='invested', fund='gaibo', fund_source='all_levels', period_start_year=2014, period_end_year=y, as_of=('2018-12-31' if y == 2018 else ''),
          amount_yi_yuan=r['value'], pupils=wan('643.09' if y == 2018 else '533.18'),
          note=('5-year cumulative 2014–2018; pupils benefited 643.09万' if y == 2018 else 'cumulative since 2014 (article 2018-02-12); pupils benefited 533.18万'))
    elif i == 'gaibo_cumulative_investment_2yr': T(r, **G, measure='invested', fund='gaibo', fund_source='all_levels', period_start_year=2014, period_end_year=2015, as_of='2015-12-31',
                                                   amount_yi_yuan=r['value'], quote='共投入資金29.6億元', note='two years 2014–2015 (两年来); article year 2016 inferred as for 13.5亿')
    elif i == 'gaibo_equipment_value_cumulative': T(r, **G, measure='equipment_completed', fund='gaibo', fund_source='all_levels', period_start_year=2014, period_end_year=2018,
                                                    as_of='2018-12-31', schools=19600, amount_yi_yuan=r['value'], note='1.96万 schools equipped')
    elif i == 'gaibo_local_match': T(r, **G, measure='secured', fund='gaibo', fund_source='city_and_county', period_start_year=2014, period_end_year=2016, amount_yi_yuan=r['value'],
                                     share=pct('26.96'), note='8.4亿 = 26.96% of total project investment (implies ≈31.2亿 total, not stated)')
    elif i == 'gaibo_local_match_share': continue  # merged into the row above
    elif i == 'gaibo_students_benefited': continue  # merged into Henan 2018 row
    elif i == 'gaibo_total_investment_2014_2016': T(r, **G, measure='invested', fund='gaibo', fund_source='all_levels', period_start_year=2014, period_end_year=2016,
                                                    amount_yi_yuan=r['value'], schools=1594, qualifier='more_than', note='超过23.5亿元; 1594 project schools')
    else: raise SystemExit('unhandled prov ' + i)
r = pqraw[('云南省', '2017-10-31', '累计投入专项资金 (中央/省级/州县)')]
for src, v, q in (('all_levels', '185.2', '截至2017年10月底,我省已累计投入“全面改薄”专项资金185.2亿元'), ('central', '92.33', '中央资金92.33亿元'),
                  ('provincial', '46.7', '省级资金46.7亿元'), ('prefecture_and_county', '46.17', '州县资金46.17亿元')):
    T(r, region='云南省', region_level='province', province='云南', measure='invested', fund='gaibo', fund_source=src, period_start_year=2014, period_end_year=2017,
      as_of='2017-10-31', amount_yi_yuan=v, quote=q, note='92.33 + 46.7 + 46.17 = 185.2')
r = pqraw[('甘肃省', '2016-12-31', '三年来累计投入资金 (2014-2016)')]
T(r, region='甘肃省', region_level='province', province='甘肃', measure='invested', fund='gaibo', fund_source='all_levels', period_start_year=2014, period_end_year=2016,
  as_of='2016-12-31', amount_yi_yuan='145.8', schools=11300, pupils=wan('253'), note='三年来 2014–2016 (article 2017-04-17); 1.13万 schools, 253万 pupils')
r = pqraw[('平凉市', '2018-12-31', '2014-2018各级财政投入 (中央/省/市/县)')]
for src, v, q in (('all_levels', '22.72', '各级财政共投入资金22.72亿元'), ('central', '12.15', '中央资金12.15亿元'), ('provincial', '4.76', '省级资金4.76亿元'),
                  ('city', wan_to_yi(6491), '市级资金6491万元'), ('county', '5.16', '县级资金5.16亿元')):
    T(r, region='平凉市', region_level='city', province='甘肃', measure='invested', fund='gaibo', fund_source=src, period_start_year=2014, period_end_year=2018,
      as_of='2018-12-31', amount_yi_yuan=v, quote=q, note='12.15 + 4.76 + 0.6491 + 5.16 = 22.7191 ≈ 22.72 (rounding)')
write('provincial_totals.csv', PT_COLS, pt)

# ============ provincial_allocations.csv ============
PA_COLS = ['region', 'region_level', 'province', 'measure', 'fund', 'fund_source', 'budget_year', 'published', 'amount_yi_yuan', 'growth_share'] + PROV_COLS
pa = []
for r in load('allocation/provincial_allocations.csv'):
    i = r['indicator']
    G = dict(region=r['region'], region_level='province', province=r['region'], fund='gaibo', budget_year=r['year'], published=r['date'])
    if i == 'advance_allocation_central_gaibo':
        pa.append(G | dict(measure='advance_allocation', fund_source='central', amount_yi_yuan=r['value']) | prov(r, note=r['note']))
    elif i == 'gaibo_fund_total_central_plus_provincial':
        pa.append(G | dict(measure='allocation', fund_source='central_and_provincial', amount_yi_yuan=r['value']) | prov(r, note='自治区财政统筹中央和自治区资金; implies 2016 = 37.28 − 2.56 = 34.72亿 (not stated)'))
    elif i == 'gaibo_fund_change_vs_prev_year':
        pa.append(G | dict(measure='allocation_change', fund_source='central_and_provincial', amount_yi_yuan=r['value'], growth_share=pct('7.4'))
                  | prov(r, note='change on 2016: +2.56亿, +7.4% (page writes "7.4 %")'))
write('provincial_allocations.csv', PA_COLS, pa)

# ============ county_allocations.csv ============
CA_COLS = ['region', 'region_level', 'province', 'city', 'fund', 'measure', 'fund_source', 'budget_year', 'published', 'amount_wan_yuan'] + PROV_COLS
ca = []
MEAS = {'allocation_pre_issued': 'pre_issued', 'allocation_this_batch': 'this_batch', 'allocation_total': 'total'}
for r in load('allocation/county_allocations.csv'):
    i, reg = r['indicator'], r['region']
    parts = reg.split('/')
    if i in MEAS:
        name = parts[-1]
        if name == '浙江省合计': region, lvl, city = '浙江省', 'province', ''
        elif name.endswith('合计'): region, lvl, city = name[:-2], 'city', name[:-2]
        else: region, lvl, city = name, 'county', parts[1]
        ca.append(dict(region=region, region_level=lvl, province='浙江', city=city, fund='successor_2019', measure=MEAS[i], fund_source='central_and_provincial',
                       budget_year=2021, published=r['date'], amount_wan_yuan=r['value'],
                       **prov(r, note='successor fund (义务教育薄弱环节改善与能力提升, 2019+), not 全面改薄: use for shape, not amounts; columns 已预下达 / 本次下达 / 合计下达; '
                              'the excerpt is truncated after 衢江区, so 衢州市 and the province total include counties not listed')))
        continue
    G = dict(province=parts[0], city=parts[1] if len(parts) > 2 else '', region=parts[-1], region_level='county', budget_year=r['year'], published=r['date'])
    if i == 'advance_allocation_gaibo':
        ca.append(G | dict(fund='gaibo', measure='advance_allocation', fund_source='central_and_provincial', amount_wan_yuan=r['value']) | prov(r, note='闽财教指[2016]189号'))
    elif i == 'bogai_planned_investment':
        ca.append(G | dict(fund='bogai_2010_2013', measure='planned', fund_source='all_levels', amount_wan_yuan=r['value']) | prov(r, quote='规划投资934万元', note='2012 canteen project; 517 + 282 + 40 + 95 = 934'))
        for src, v in (('central', 517), ('provincial', 282), ('prefecture', 40), ('county', 95)):
            q = {'central': '中央投入517万元', 'provincial': '省级投入282万元', 'prefecture': '州级投入40万元', 'county': '县级投入95万元'}[src]
            ca.append(G | dict(fund='bogai_2010_2013', measure='planned', fund_source=src, amount_wan_yuan=v) | prov(r, quote=q, note='2012 薄改 canteen project'))
    elif i == 'gaibo_annual_investment':
        ca.append(G | dict(region='云南某县(茶乡; 县名未在摘录中)', city='', fund='gaibo', measure='invested', fund_source='all_levels', amount_wan_yuan=r['value'])
                  | prov(r, note='2015: 30 projects, 18175 m² (≈978元/m² all items, derived); the county name is not in the excerpt but the page is the county\'s own site (yncn.gov.cn)'))
    elif i == 'gaibo_fund_building_component_2014_2015':
        ca.append(G | dict(fund='gaibo', measure='received_buildings', fund_source='all_levels', budget_year='2014-2015', amount_wan_yuan=r['value']) | prov(r, quote='校舍改造资金3699.75万元', note='audit of 2014–2015 funds; 3699.75 + 1307.25 = 5007'))
    elif i == 'gaibo_fund_equipment_component_2014_2015':
        ca.append(G | dict(fund='gaibo', measure='received_equipment', fund_source='all_levels', budget_year='2014-2015', amount_wan_yuan=r['value']) | prov(r, note='audit of 2014–2015 funds'))
    elif i == 'gaibo_fund_received':
        q = '20142561万元' if r['year'] == '2014' else '20152446万元'
        ca.append(G | dict(fund='gaibo', measure='received', fund_source='all_levels', amount_wan_yuan=r['value']) | prov(r, quote=q, note='page drops 年 after the year: "20142561万元" = 2014年2561万元; 2561 + 2446 = 5007'))
        if r['year'] == '2014':
            ca.append(G | dict(fund='gaibo', measure='received', fund_source='all_levels', budget_year='2014-2015', amount_wan_yuan=5007)
                      | prov(r, quote='尉氏县2014年至2015年共收到全面改薄资金5007万元', note='two-year total'))
    elif i == 'local_gaibo_fund_planned':
        ca.append(G | dict(region='吉林市城区', region_level='city', city='吉林市', fund='local_bogai_2014', measure='planned', fund_source='all_levels', amount_wan_yuan=r['value'])
                  | prov(r, quote='拟投入资金532.1万元', note='100 projects in the urban districts; district split in the raw note is not quoted and is left out'))
    elif i == 'provincial_subsidy':
        ca.append(G | dict(region='吉林市城区', region_level='city', city='吉林市', fund='local_bogai_2014', measure='planned', fund_source='provincial', amount_wan_yuan=r['value'])
                  | prov(r, quote='其中省级补助资金483万元', note='483 + 49.1 = 532.1'))
    elif i == 'local_match':
        ca.append(G | dict(region='吉林市城区', region_level='city', city='吉林市', fund='local_bogai_2014', measure='planned', fund_source='local_match', amount_wan_yuan=r['value'])
                  | prov(r, note='地方配套'))
    else: raise SystemExit('unhandled county ' + i)
write('county_allocations.csv', CA_COLS, ca)

# ============ rules.csv ============
RU_COLS = ['rule_kind', 'region', 'subject', 'text_zh', 'indicator', 'comparison', 'threshold_share', 'deadline', 'deadline_basis', 'published'] + PROV_COLS
ru = []
for r in load('allocation/rules.csv'):
    i = r['indicator']; G = dict(region=r['region'], published=r['date'], text_zh=r['value'])
    if i == 'central_fund_principle': ru.append(G | dict(rule_kind='principle', subject='successor fund principles (财教〔2019〕100号 第三条)') | prov(r))
    elif i == 'cost_sharing_rule': ru.append(G | dict(rule_kind='cost_sharing', subject='province pays the larger share for poor counties (省级拿大头)') | prov(r))
    elif i == 'penalty_rule': ru.append(G | dict(rule_kind='penalty', subject='province deducts annual special funds of counties still lagging after repeated reminders') | prov(r))
    elif i == 'poverty_factor_in_central_transfers': ru.append(G | dict(rule_kind='allocation_factor', subject='poverty headcount and incidence are important factors of central education transfers') | prov(r))
    elif i == 'progress_target':
        if r['region'] == '河北':
            ru.append(G | dict(rule_kind='target', subject='building and equipment tasks above 80% by end 2017', indicator='completion_rate_and_equipment_rate', comparison='above',
                               threshold_share='0.8', deadline='2017-12-31', deadline_basis='stated') | prov(r, note='also: 2018年底基本完成任务'))
        elif r['year'] == '2017':
            ru.append(G | dict(rule_kind='target', subject='双超70%: building and equipment tasks above 70% by end 2017', indicator='completion_rate_and_equipment_rate', comparison='above',
                               threshold_share='0.7', deadline='2017-12-31', deadline_basis='stated') | prov(r, note='教督〔2017〕9号; matches seed file 002'))
        else:
            ru.append(G | dict(rule_kind='target', subject='双过九成: building and equipment tasks above 90%', indicator='completion_rate_and_equipment_rate', comparison='above',
                               threshold_share='0.9', deadline='', deadline_basis='') | prov(r, note='the year is garbled on the page ("底“过九成”"); the sequence 2017 超七成 → 过九成 → 2019 收尾 '
                                                                                            'suggests end 2018, and the 2019 MOE release measures against end 2018, but the quote does not settle it, so deadline is left empty'))
    elif i == 'successor_fund_document': ru.append(G | dict(rule_kind='programme_period', subject='successor fund runs to 2020, then evaluated', deadline='2020-12-31', deadline_basis='stated') | prov(r))
    elif i == 'successor_fund_use_bigclass': ru.append(G | dict(rule_kind='fund_use', subject='successor fund adds school places to eliminate urban big classes') | prov(r))
    else: raise SystemExit('rule ' + i)
for r in load('bigclass/provincial.csv'):
    if r['indicator'] == 'target_superclass_66plus':
        ru.append(dict(rule_kind='big_class_target', region=r['region'], subject=f'66+ classes {r["value"]} by end {r["year"]}; 56+ 基本消除 by 2020', text_zh=r['value'],
                       indicator='super_big_class_share', comparison='at_most', threshold_share='0' if r['value'] == '全部消除' else '', deadline=f'{r["year"]}-12-31',
                       deadline_basis='year_end', published=r['date'])
                  | prov(r, note='全部消除 = all eliminated (share 0)' if r['value'] == '全部消除' else '基本消除: the national definition (national.csv) is within 2% for 66+, not restated here'))
for r in std:
    if r['indicator'] == 'target_bigclass_56plus_max_share':
        ru.append(dict(rule_kind='big_class_target', region='全国', subject='56+ big classes within 5% by 2020 and 66+ eliminated (国发〔2016〕40号)', text_zh='',
                       indicator='big_class_share', comparison='at_most', threshold_share='0.05', deadline='2020-12-31', deadline_basis='year_end', published='')
                  | prov(r, note='English rendering; the same 5% target is in big_class_national.csv from a Chinese copy'))
write('rules.csv', RU_COLS, ru)

# ============ EXCLUDED.md ============
with open(os.path.join(OUT, 'EXCLUDED.md'), 'w', encoding='utf-8') as fh:
    fh.write('# Rows of /work/shared/realdata left out of datasets/real\n\n'
             'Each row below is in the raw material but not in the curated tables, with the reason. Rows that were merged into another row '
             '(e.g. 天水 26.96% into the 8.4亿 row, 河南 643.09万 pupils into the 311.43亿 row) or moved between tables are not listed; see NOTES.md.\n\n'
             '| raw file | indicator / item | region | quote | reason |\n|---|---|---|---|---|\n')
    for f, ind, reg, q, why in excluded:
        fh.write(f'| {f} | {ind} | {reg} | {q.replace("|", "¦")} | {why} |\n')
print('excluded', len(excluded))
