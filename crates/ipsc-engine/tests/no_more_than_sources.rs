//! The Suizhou pack says no more than its sources (the plan's text, POLICY-NOTES and the
//! LPR table): each sentence found to say more is pinned here, where a case cannot pin
//! words. The behaviour behind them (which programmes show, which warnings) is in the
//! pack's cases.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)] // Reason: tests fail loudly.

mod common;

use ipsc_engine::codes::{Code, Condition, Warning};
use ipsc_engine::pack::{Labelled, Measure, Trigger};
use ipsc_engine::{Lang, Pack, Text};

fn measure<'a>(pack: &'a Pack, id: &str) -> &'a Measure {
    pack.measure(id)
        .unwrap_or_else(|| panic!("no measure {id}"))
}

fn labelled<'a>(list: &'a [Labelled], id: &str) -> &'a Text {
    &list
        .iter()
        .find(|l| l.id == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
        .text
}

/// Every text of a measure that the results show beside it.
fn measure_texts(m: &Measure) -> Vec<&Text> {
    m.assumptions
        .iter()
        .chain(&m.caveats)
        .map(|l| &l.text)
        .chain(m.next_steps.as_ref())
        .collect()
}

/// Every text in the pack, by where it is.
fn every_text(pack: &Pack) -> Vec<(String, &Text)> {
    let mut all: Vec<(String, &Text)> = Vec::new();
    for m in &pack.measures {
        for t in measure_texts(m) {
            all.push((format!("measure {}", m.id), t));
        }
        all.push((format!("measure {}", m.id), &m.label));
    }
    for p in &pack.programmes {
        all.push((format!("programme {}", p.id), &p.summary));
        all.push((format!("programme {}", p.id), &p.label));
    }
    for c in &pack.clauses {
        all.push((format!("clause {}", c.id), &c.text));
    }
    for q in &pack.counts {
        all.push((format!("count {}", q.id), &q.label));
        all.push((format!("count {}", q.id), &q.hint));
    }
    for c in &pack.caveats {
        all.push((format!("caveat {}", c.id), &c.text));
    }
    for (key, t) in pack.text.iter() {
        all.push((format!("text {key}"), t));
    }
    all.push(("lpr.source".into(), &pack.lpr.source));
    all.push(("tech_sme_guide.note".into(), &pack.tech_sme_guide.note));
    all.push(("tech_sme_guide.hint".into(), &pack.tech_sme_guide.hint));
    all
}

/// 一(三) gives the subsidy to 科技型中小微企业 and defines neither that nor registration:
/// the tool's reading is an assumption of the pledge line, and the national criteria are
/// told, not applied.
#[test]
fn the_reading_of_tech_smes_is_an_assumption_of_the_pledge_line_that_decides_nothing() {
    let pack = common::suizhou();
    let pledge = measure(&pack, "ip-pledge-interest");
    assert!(pledge.conditions.contains(&Condition::TechSme));
    assert_eq!(pledge.assumptions[0].id, "tech-sme", "said first");
    let t = labelled(&pledge.assumptions, "tech-sme");
    for words in [
        "原文未界定",
        "测算年度",
        "入库",
        "500人",
        "2亿元",
        "60分",
        "不作判断",
    ] {
        assert!(t.zh.contains(words), "{words}: {}", t.zh);
    }
    for words in [
        "does not define",
        "in the assessment year",
        "500 staff",
        "200 million yuan",
        "at least 60",
        "not for this tool",
    ] {
        assert!(t.en.contains(words), "{words}: {}", t.en);
    }
    let condition = pack.text.get(Condition::TechSme.key()).unwrap();
    assert!(condition.zh.contains("测算年度"), "{}", condition.zh);
    assert!(
        condition.en.ends_with("in the assessment year"),
        "{}",
        condition.en
    );
    // Who evaluates is in no source.
    for (place, t) in every_text(&pack) {
        assert!(!t.zh.contains("科技主管部门"), "{place}: {}", t.zh);
    }
}

/// The Q&A describes the domestic reward's application only.
#[test]
fn the_pct_reward_is_not_said_to_be_applied_for_as_the_domestic_one() {
    let pack = common::suizhou();
    let pct = measure(&pack, "pct-invention-patent");
    for t in measure_texts(pct) {
        assert!(!t.zh.contains("同国内"), "{}", t.zh);
        assert!(!t.en.contains("same application"), "{}", t.en);
    }
    let next = pct.next_steps.as_ref().unwrap();
    assert!(next
        .zh
        .contains("原文未写明PCT国际授权发明专利奖励的申报材料、流程和时间"));
    assert!(next.zh.contains("只介绍了国内发明专利奖励"));
    assert!(next
        .en
        .contains("describes the application for the domestic invention patent reward only"));
}

/// POLICY-NOTES: the collective trademark suits a maker of special-purpose vehicles; the
/// brand programme (一(二)) is for trademark owners, among others.
#[test]
fn the_special_vehicle_trademark_is_for_that_industry_and_brand_building_for_trademark_owners() {
    let pack = common::suizhou();
    let programme = |id: &str| pack.programmes.iter().find(|p| p.id == id).unwrap();
    assert_eq!(
        programme("special-vehicle-trademark").when,
        [Trigger::Industry("special-vehicles".into())]
    );
    assert!(programme("brand-building")
        .when
        .contains(&Trigger::Situation("trademarks".into())));
}

/// The enforcement programmes say what 一(五) and 一(六) say, in their words, each citing
/// its clause: no "joint enforcement" (that is 一(十)'s, across regions).
#[test]
fn judicial_protection_and_administrative_enforcement_use_their_clauses_words() {
    let pack = common::suizhou();
    for (id, clause) in [
        ("judicial-protection", "一(五)"),
        ("administrative-enforcement", "一(六)"),
    ] {
        let p = pack.programmes.iter().find(|p| p.id == id).unwrap();
        assert_eq!(p.clause, clause, "{id}");
        assert_eq!(p.when, [Trigger::Situation("infringement".into())], "{id}");
        let text = &pack.clause(clause).unwrap().text.zh;
        for part in p
            .summary
            .zh
            .split(['，', '；', '。'])
            .filter(|s| !s.is_empty())
        {
            assert!(
                text.contains(part),
                "{id}: `{part}` is not words of {clause}"
            );
        }
        assert!(!p.summary.zh.contains("联合执法"), "{id}");
    }
    let admin = pack
        .programmes
        .iter()
        .find(|p| p.id == "administrative-enforcement")
        .unwrap();
    assert!(admin.summary.zh.contains("协调及信息共享机制"));
    assert!(admin.summary.zh.contains("专项行动"));
    assert!(admin
        .summary
        .en
        .contains("coordination and information-sharing"));
    assert!(!admin.summary.en.contains("joint enforcement"));
}

/// "加快推进…建设", "加快建设", "引入": the plan is building these, and the tool says so.
#[test]
fn what_the_plan_is_still_building_is_said_to_be_built_under_the_plan() {
    let pack = common::suizhou();
    let summary = |id: &str| &pack.programmes.iter().find(|p| p.id == id).unwrap().summary;
    let rights = summary("rights-assistance");
    assert!(rights
        .zh
        .contains("按本方案，随州市知识产权保护中心正在加快建设"));
    assert!(rights
        .en
        .contains("Under the plan, the Suizhou IP Protection Center is being built"));
    let rulings = summary("patent-rulings");
    assert!(rulings.zh.starts_with("按本方案正在建设"));
    for words in ["技术调查官", "专家（人才）库"] {
        assert!(rulings.zh.contains(words), "{words}");
    }
    assert!(rulings.en.starts_with("Being built under the plan"));
    for words in ["technical investigator", "pool of IP experts"] {
        assert!(rulings.en.contains(words), "{words}");
    }
}

/// No source says by which date a patent counts in a year: an assumption of each patent
/// line, and in the question's hint only as the tool's assumption.
#[test]
fn the_year_a_patent_counts_in_is_an_assumption_not_a_fact() {
    let pack = common::suizhou();
    for id in ["domestic-invention-patent", "pct-invention-patent"] {
        let t = labelled(&measure(&pack, id).assumptions, "grant-year");
        assert!(t.zh.contains("原文未规定以哪一日期确定年度"), "{id}");
        assert!(
            t.en.contains("The text does not say which date decides the year"),
            "{id}"
        );
    }
    for q in &pack.counts {
        if q.hint.zh.contains("授权公告日") {
            assert!(
                q.hint.zh.contains("原文未规定") && q.hint.zh.contains("本工具假设"),
                "{}",
                q.id
            );
            assert!(q.hint.en.contains("this tool assumes"), "{}", q.id);
        }
    }
}

/// 一(一) gives the rewards "根据…（随政发〔2021〕18号）精神": in its spirit, not under it,
/// and the tool checks nothing of No. 18.
#[test]
fn the_patent_rewards_follow_the_spirit_of_no_18_whose_conditions_are_not_checked() {
    let pack = common::suizhou();
    for (place, t) in every_text(&pack) {
        assert!(
            !t.zh.contains("依据随政发〔2021〕18号执行"),
            "{place}: {}",
            t.zh
        );
        assert!(
            !t.en.contains("paid under Sui Zheng Fa"),
            "{place}: {}",
            t.en
        );
    }
    for id in ["domestic-invention-patent", "pct-invention-patent"] {
        let t = labelled(&measure(&pack, id).caveats, "spirit-of-18");
        assert!(t.zh.contains("随政发〔2021〕18号的“精神”"), "{id}");
        assert!(
            t.zh.contains("未核对随政发〔2021〕18号本身规定的条件"),
            "{id}"
        );
        assert!(
            t.en.contains("in the spirit (精神) of Sui Zheng Fa [2021] No. 18"),
            "{id}"
        );
        assert!(
            t.en.contains("does not check the conditions of No. 18 itself"),
            "{id}"
        );
    }
}

/// The LPR table's evidence names no publisher but, for one row, the People's Bank of China.
#[test]
fn the_lpr_source_names_no_publisher_the_sources_do_not() {
    let pack = common::suizhou();
    let csv = common::read("policies/suizhou-2024-15/source-lpr.csv");
    let source = &pack.lpr.source;
    for name in ["同业拆借", "Interbank", "NIFC", "CFETS", "外汇交易中心"] {
        assert!(
            !source.zh.contains(name) && !source.en.contains(name),
            "{name}"
        );
    }
    if source.en.contains("People's Bank of China") || source.zh.contains("中国人民银行") {
        assert!(csv.contains("People's Bank of China announcement"));
    }
}

/// 一(四): listed enterprises are priority targets of inspection. No more.
#[test]
fn the_credit_warning_says_what_clause_4_says_and_no_more() {
    let pack = common::suizhou();
    let t = pack.text.get(Warning::CreditListed.key()).unwrap();
    assert!(
        t.zh.contains("一(四)将此类企业作为“双随机一公开”检查重点"),
        "{}",
        t.zh
    );
    assert!(t.zh.contains("原文未写明这对奖补有何影响"), "{}", t.zh);
    assert!(!t.zh.contains("可能影响奖补审核"), "{}", t.zh);
    assert!(t
        .en
        .contains("priority targets of \"double random, one public\" inspections"));
    assert!(!t.en.contains("may affect the review"), "{}", t.en);
}

/// The plan was issued on 2024-07-09 and is silent on what came earlier that year.
#[test]
fn the_date_warnings_say_the_text_is_silent_and_the_amounts_are_unchanged() {
    let pack = common::suizhou();
    for code in [Warning::IssueYear, Warning::LoanBeforeIssue] {
        let t = pack.text.get(code.key()).unwrap();
        assert!(
            t.zh.contains("2024年7月9日") && t.zh.contains("原文未写明"),
            "{}",
            t.zh
        );
        assert!(t.zh.contains("金额未作调整"), "{}", t.zh);
        assert!(
            t.en.contains("9 July 2024") && t.en.contains("does not say"),
            "{}",
            t.en
        );
        assert!(t.en.contains("without changing"), "{}", t.en);
    }
    let before = pack.text.get(Warning::YearBeforeIssue.key()).unwrap();
    assert!(!before.zh.contains("适用当时的政策"), "{}", before.zh);
    assert!(!before.en.contains("policy of their time"), "{}", before.en);
}

/// 当年 is the assessment year; 高知名度商标 is not the legal 驰名商标 ("well-known
/// trademark"); 国内优质服务机构 are bodies in China, wherever in it.
#[test]
fn the_english_renders_the_assessment_year_the_two_kinds_of_trademark_and_bodies_in_china() {
    let pack = common::suizhou();
    for (place, t) in every_text(&pack) {
        assert!(!t.en.contains("this year"), "{place}: {}", t.en);
        assert!(
            !t.en.contains("from elsewhere in China"),
            "{place}: {}",
            t.en
        );
    }
    let clause = |id: &str| &pack.clause(id).unwrap().text;
    assert!(clause("一(一)").zh.contains("高知名度商标"));
    assert!(clause("一(一)").en.contains("trademarks of high renown"));
    assert!(!clause("一(一)").en.contains("well-known"));
    assert!(clause("一(二)").zh.contains("驰名商标"));
    assert!(clause("一(二)").en.contains("well-known trademarks"));
    for p in &pack.programmes {
        if p.summary.zh.contains("高知名度商标") {
            assert!(!p.summary.en.contains("well-known"), "{}", p.id);
        }
    }
    assert!(clause("一(十三)")
        .en
        .contains("high-quality service bodies in China"));
}

/// What to do next: the Q&A's materials and offices for the domestic reward, and for the
/// others that the sources give no procedure and the body the plan names; never a phone
/// number, an address or a website.
#[test]
fn the_next_steps_say_only_what_the_sources_give() {
    let pack = common::suizhou();
    for m in &pack.measures {
        let next = m
            .next_steps
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no next steps", m.id));
        for lang in [Lang::Zh, Lang::En] {
            let words = next.get(lang);
            assert!(
                !words.contains("http") && !words.contains("www."),
                "{}: {words}",
                m.id
            );
            assert!(!words.contains('@'), "{}: {words}", m.id);
            let longest_digits = words
                .split(|c: char| !c.is_ascii_digit())
                .map(str::len)
                .max()
                .unwrap_or(0);
            assert!(
                longest_digits < 5,
                "{}: a number like a phone number: {words}",
                m.id
            );
            for word in ["电话", "地址", "网址", "phone", "address", "website"] {
                assert!(!words.contains(word), "{}: {word}: {words}", m.id);
            }
        }
    }
    let domestic = measure(&pack, "domestic-invention-patent")
        .next_steps
        .as_ref()
        .unwrap();
    for words in [
        "随州市科技局政策问答（2022-08-26",
        "专利权人身份证明",
        "《发明专利奖励申报表》",
        "专利证书",
        "市知识产权局",
        "市财政局在3个工作日内拨付",
        "《随州日报》（2024-12-17）",
        "免申即享",
    ] {
        assert!(domestic.zh.contains(words), "{words}");
    }
    for id in ["ip-pledge-interest", "protection-workstation"] {
        let next = measure(&pack, id).next_steps.as_ref().unwrap();
        assert!(next.zh.starts_with("原文未写明"), "{id}");
        assert!(
            next.zh.contains("随州市知识产权战略实施工作联席会议"),
            "{id}"
        );
        assert!(next.en.starts_with("The text gives neither"), "{id}");
        // The body the plan names, in the words of 二.
        assert!(pack
            .clause("二")
            .unwrap()
            .text
            .zh
            .contains("随州市知识产权战略实施工作联席会议"));
    }
}

/// Issue 22: the last readings of ours that were stated as facts, each now said as the
/// tool's assumption, in both languages.
#[test]
fn the_readings_of_who_qualifies_are_said_as_assumptions() {
    let pack = common::suizhou();
    // 一(三) says 科技型中小微企业 and defines it not: "registered (入库)" is our reading.
    for key in [
        "reason.not-tech-sme",
        "reason.not-tech-sme@ip-pledge-interest",
    ] {
        let t = pack.text.get(key).unwrap();
        assert!(t.zh.contains("本工具假设"), "{key}: {}", t.zh);
        assert!(t.en.contains("This tool assumes"), "{key}: {}", t.en);
        assert!(
            !t.zh.starts_with("本项只适用于") && !t.zh.starts_with("只有"),
            "{key}"
        );
    }
    let pledge = pack
        .text
        .get("reason.not-tech-sme@ip-pledge-interest")
        .unwrap();
    assert!(pledge.zh.contains("未作界定"), "{}", pledge.zh);
    assert!(pledge.en.contains("does not define"), "{}", pledge.en);
    let hint = &pack.tech_sme_guide.hint;
    assert!(hint.zh.contains("本工具假设") && hint.en.contains("this tool assumes"));
    // The plan is Suizhou's, but says not that only enterprises registered there qualify.
    let reason = pack.text.get("reason.not-registered-locally").unwrap();
    assert!(
        reason.zh.contains("本工具假设") && reason.zh.contains("原文未写明"),
        "{}",
        reason.zh
    );
    assert!(reason.en.contains("This tool assumes"), "{}", reason.en);
    assert!(
        reason.zh.contains("请向主管部门咨询"),
        "what to ask: {}",
        reason.zh
    );
    let caveat = labelled(&pack.caveats, "registered-locally");
    assert!(
        caveat.zh.contains("测算假设") && caveat.zh.contains("原文未写明"),
        "{}",
        caveat.zh
    );
    assert!(caveat.en.contains("an assumption"), "{}", caveat.en);
    for m in &pack.measures {
        assert!(
            m.conditions.contains(&Condition::RegisteredLocally),
            "{}",
            m.id
        );
    }
    // Who receives the patent rewards: the plan does not say.
    let holder = labelled(&pack.caveats, "rights-holder");
    assert!(
        holder.zh.contains("原文未写明") && holder.zh.contains("本工具假设"),
        "{}",
        holder.zh
    );
    assert!(
        holder.en.contains("this tool assumes the patentee"),
        "{}",
        holder.en
    );
    // The contract-interest limit: one meaning, an assumption.
    let limit = labelled(
        &measure(&pack, "ip-pledge-interest").assumptions,
        "contract-limit",
    );
    assert!(limit.zh.contains("本工具的假设") && limit.zh.contains("按合同利率计算"));
    assert!(limit.en.contains("this tool's assumption") && limit.en.contains("contract interest"));
    assert!(!limit.zh.contains("实际利息") && !limit.en.contains("interest paid"));
}

/// Issue 22: what the sources give, and no more.
#[test]
fn the_words_say_what_the_sources_give_of_offices_conditions_and_programmes() {
    let pack = common::suizhou();
    // The plan names no IP office: only the joint conference and its office.
    for (place, t) in every_text(&pack) {
        assert!(!t.zh.contains("市知识产权主管部门"), "{place}: {}", t.zh);
        assert!(
            !t.en.contains("municipal IP authority"),
            "{place}: {}",
            t.en
        );
    }
    // The national evaluation's conditions: the main ones, of a named document.
    let sme = labelled(
        &measure(&pack, "ip-pledge-interest").assumptions,
        "tech-sme",
    );
    for t in [sme, &pack.tech_sme_guide.note] {
        assert!(
            t.zh.contains("国科发政〔2017〕115号") && t.zh.contains("主要条件包括"),
            "{}",
            t.zh
        );
        assert!(
            t.en.contains("[2017] No. 115") && t.en.contains("main conditions"),
            "{}",
            t.en
        );
        assert!(!t.zh.contains("条件是"), "{}", t.zh);
    }
    // The collective trademark is named to special-vehicle makers only.
    let programme = |id: &str| pack.programmes.iter().find(|p| p.id == id).unwrap();
    let brand = &programme("brand-building").summary;
    assert!(!brand.zh.contains("随州专汽") && !brand.en.contains("Suizhou Special Vehicles"));
    // Workstations are to be set up under the plan: not yet a service that is given.
    let rights = &programme("rights-assistance").summary;
    assert!(rights
        .zh
        .contains("按本方案，将在重点市场、园区及企业建立知识产权保护工作站"));
    assert!(!rights.zh.contains("建立的知识产权保护工作站提供"));
    assert!(rights.en.contains("non-litigation mediation agreements"));
    assert!(rights.en.contains("are to be set up"));
    // 一(八) 引入: introduce.
    let technical = &pack.clause("一(八)").unwrap().text;
    assert!(technical
        .en
        .contains("introduce the technical investigator system"));
    // A level question that presumes no recognition the plan does not describe.
    let level = pack
        .levels
        .iter()
        .find(|q| q.id == "protection-workstation")
        .unwrap();
    assert!(!level.label.zh.contains("被认定"), "{}", level.label.zh);
    assert!(!level.label.en.contains("recognised"), "{}", level.label.en);
}

/// Issue 22: a line's status and what-if are an estimate on the user's answers, not a
/// promise.
#[test]
fn the_status_and_what_if_words_promise_nothing() {
    let pack = common::suizhou();
    for key in [
        "status.eligible",
        "status.eligible-with-warning",
        "status.not-eligible",
    ] {
        let t = pack.text.get(key).unwrap();
        assert!(t.zh.starts_with("按您的回答"), "{key}: {}", t.zh);
        assert!(t.en.contains("as answered"), "{key}: {}", t.en);
    }
    for key in ["what-if.conditions", "what-if.level"] {
        let t = pack.text.get(key).unwrap();
        assert!(
            !t.zh.contains("可得") && t.zh.contains("测算为"),
            "{key}: {}",
            t.zh
        );
    }
    let level = pack.text.get("what-if.level").unwrap();
    assert!(!level.zh.contains("被认定"), "{}", level.zh);
}

/// 前言: the targets run "到2025年底"; the text states no end date. A later year says so,
/// and leaves to the authority whether the measures still apply.
#[test]
fn a_year_after_the_targets_says_they_ran_to_2025_and_the_text_states_no_end() {
    let pack = common::suizhou();
    assert_eq!(
        pack.meta.targets_until.map(|d| d.to_string()).as_deref(),
        Some("2025-12-31")
    );
    assert!(pack
        .clause(&pack.meta.preamble_clause)
        .unwrap()
        .text
        .zh
        .contains("到2025年底"));
    let t = pack.text.get(Warning::AfterTargets.key()).unwrap();
    for words in [
        "到2025年底",
        "原文未写明有效期或终止日期",
        "由主管部门决定",
        "金额未作调整",
    ] {
        assert!(t.zh.contains(words), "{words}: {}", t.zh);
    }
    for words in [
        "to the end of 2025",
        "states no end date",
        "competent authority",
        "without changing",
    ] {
        assert!(t.en.contains(words), "{words}: {}", t.en);
    }
}

/// 二 directs special funds to six fields; it never says the programmes carry no money.
/// Where the programmes are explained, its words are quoted exactly, and no more.
#[test]
fn the_programmes_note_quotes_the_special_funds_of_clause_2_exactly() {
    let pack = common::suizhou();
    let note = pack.programmes_note.as_ref().expect("a programmes note");
    let clause = &pack.clause("二").unwrap().text;
    // The last quoted span of each: in Chinese after “二、组织保障”, in English the one.
    let quoted = |text: &str, open: char, close: char| -> String {
        let start = text.rfind(open).unwrap() + open.len_utf8();
        let end = start + text[start..].find(close).unwrap();
        text[start..end].to_owned()
    };
    let zh = quoted(&note.zh, '“', '”');
    assert!(zh.contains("专项资金重点投向高价值知识产权创造"), "{zh}");
    assert!(zh.contains("公共信息服务等领域"), "{zh}");
    assert!(clause.zh.contains(&zh), "not the plan's words: {zh}");
    let en: String = note.en.split('"').nth(1).unwrap().to_owned();
    assert!(en.contains("special funds"), "{en}");
    assert!(clause.en.contains(&en), "not the clause's rendering: {en}");
    assert!(note.zh.contains("原文未写明") && note.zh.contains("金额"));
    assert!(note.en.contains("states no amount"));
    for (place, t) in every_text(&pack) {
        assert!(!t.zh.contains("不涉及资金"), "{place}");
        assert!(!t.en.contains("without money"), "{place}");
    }
}
