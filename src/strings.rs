//! Every string of the app's own, in both languages. A string is a `Tr` with both fields
//! required, so a missing translation does not compile; a test checks none is empty.

use ipsc_engine::Lang;

/// A string of the app in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Tr {
    /// Simplified Chinese.
    pub zh: &'static str,
    /// English.
    pub en: &'static str,
}

impl Tr {
    /// The string in a language.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

macro_rules! strings {
    ($($(#[$meta:meta])* $name:ident = $zh:literal, $en:literal;)*) => {
        $($(#[$meta])* pub const $name: Tr = Tr { zh: $zh, en: $en };)*
        /// Every string, for the test that none is empty.
        pub const ALL: &[(&str, Tr)] = &[$((stringify!($name), $name),)*];
    };
}

strings! {
    /// The product's name.
    PRODUCT = "知识产权奖补自测", "IP Subsidy Self-Check";
    /// The language switch, naming the other language in itself.
    SWITCH_LANGUAGE = "English", "中文";
    /// The language switch's accessible name.
    SWITCH_LANGUAGE_LABEL = "Switch to English", "切换到中文";
    /// The large-text switch.
    LARGE_TEXT = "大字模式", "Large text";
    /// A step of the questionnaire: `{n}` of `{total}`.
    STEP_OF = "第 {n} 步，共 {total} 步", "Step {n} of {total}";
    /// Back.
    BACK = "返回上一步", "Back";
    /// Continue.
    CONTINUE = "继续", "Continue";
    /// To the results.
    SEE_RESULTS = "查看测算结果", "See the estimate";
    /// Change an answer.
    CHANGE = "修改", "Change";
    /// Yes.
    YES = "是", "Yes";
    /// No.
    NO = "否", "No";
    /// Not sure.
    NOT_SURE = "不确定", "Not sure";
    /// An optional field.
    OPTIONAL = "（可选）", " (optional)";
    /// An unchosen select.
    CHOOSE = "请选择", "Choose";
    /// Not answered.
    NOT_ANSWERED = "未填写", "Not answered";
    /// None chosen.
    NONE_CHOSEN = "无", "None";
    /// The heading of the error summary.
    THERE_IS_A_PROBLEM = "请修改以下问题", "There is a problem";
    /// The running estimate's heading.
    RUNNING_ESTIMATE = "目前估算合计", "Estimate so far";
    /// Under the running estimate.
    RUNNING_ESTIMATE_HINT = "随您的回答更新；最终结果请看最后一步。", "Updates as you answer; the last step explains every figure.";
    /// Value as understood: `{value}`.
    UNDERSTOOD_AS = "即 {value}", "That is {value}";

    /// Step 1.
    STEP_ENTERPRISE = "企业基本情况", "About the enterprise";
    /// Registered in the jurisdiction: `{place}`.
    Q_REGISTERED = "企业是否在{place}注册登记？", "Is the enterprise registered in {place}?";
    /// Region.
    Q_REGION = "注册地所在区域", "Where in the city it is registered";
    /// Industry.
    Q_INDUSTRY = "所属行业", "Industry";
    /// The key industries' group.
    KEY_INDUSTRIES = "方案重点支持的八大产业", "The plan's eight key industries";
    /// Other industries' group.
    OTHER_INDUSTRIES = "其他行业", "Other industries";
    /// SME registration.
    Q_TECH_SME = "企业在测算年度是否已登记入库为科技型中小企业？", "Was the enterprise registered (入库) as a technology-based SME in the assessment year?";
    /// Size figures, when unsure.
    SIZE_INTRO = "填写以下数字，本工具会对照入库条件中的规模要求（不作入库判断）。", "Enter these figures and this tool compares them with the size limits for registration (it does not decide registration).";
    /// Staff.
    Q_STAFF = "职工总数（人）", "Staff (people)";
    /// Sales.
    Q_SALES = "上一年度销售收入（元）", "Last year's sales (yuan)";
    /// Assets.
    Q_ASSETS = "资产总额（元）", "Total assets (yuan)";
    /// Abnormal list.
    Q_ABNORMAL = "企业是否被列入经营异常名录？", "Is the enterprise on the list of enterprises with abnormal operations (经营异常名录)?";
    /// Dishonesty list.
    Q_DISHONEST = "企业是否被列入严重违法失信名单？", "Is the enterprise on a list of seriously illegal and dishonest enterprises (严重违法失信名单)?";
    /// Year.
    Q_YEAR = "测算年度", "Assessment year";
    /// Year hint.
    HINT_YEAR = "按哪一年的授权、贷款和认定测算。默认是上一个完整年度。", "The year whose grants, loans and recognitions are counted. By default, the last full year.";
    /// Money hint.
    HINT_MONEY = "单位：元。可以写“500万”或“5,000,000”。", "In yuan. You may write 5000000, 5,000,000 or 500万.";

    /// Step 2.
    STEP_ITEMS = "测算年度内获得的授权", "Grants in the assessment year";
    /// Count hint addition.
    HINT_COUNT_ZERO = "没有请填 0。", "Enter 0 if there were none.";

    /// Step 3.
    STEP_LOANS = "知识产权质押贷款", "IP-pledge loans";
    /// Has loans.
    Q_HAS_LOANS = "测算年度内，企业是否有以专利、商标、版权等知识产权质押取得的贷款？", "In the assessment year, did the enterprise have loans secured by a pledge of patents, trademarks, copyrights or other IP?";
    /// A loan's heading: `{n}`.
    LOAN_N = "贷款 {n}", "Loan {n}";
    /// Principal.
    Q_PRINCIPAL = "以知识产权质押担保的贷款本金（元）", "Principal secured by the IP pledge (yuan)";
    /// Start date.
    Q_START = "贷款起始日", "Start date of the loan";
    /// Term.
    Q_TERM = "贷款期限（月）", "Term (months)";
    /// Contract rate.
    Q_RATE = "合同年利率（%）", "Contract interest rate a year (%)";
    /// Rate hint.
    HINT_RATE = "填写后，每笔贴息不超过该笔贷款实际支付的利息。", "If given, each loan's subsidy is at most the interest it actually charges.";
    /// Add a loan.
    ADD_LOAN = "再添加一笔贷款", "Add another loan";
    /// Remove a loan: `{n}`.
    REMOVE_LOAN = "删除贷款 {n}", "Remove loan {n}";
    /// The newer LPR's disclosure.
    NEWER_LPR = "如果您知道比本工具更新的LPR", "If you know a newer LPR than this tool";
    /// The newer LPR's explanation: `{date}`.
    NEWER_LPR_HINT = "本工具LPR表的最后一次核实报价为 {date} 公布。之后如有调整，可在此填写新的1年期LPR及其生效日。", "The last quote this tool's LPR table confirms was published on {date}. If the LPR has changed since, enter the new 1-year LPR and the day it took effect.";
    /// The newer LPR's date.
    Q_LPR_DATE = "新LPR生效日", "Date the new LPR took effect";
    /// The newer LPR's rate.
    Q_LPR_RATE = "新的1年期LPR（%）", "New 1-year LPR (%)";

    /// Step 4.
    STEP_LEVELS = "认定情况", "Recognition";

    /// Step 5.
    STEP_SITUATIONS = "其他情况", "Other situations";
    /// Situations.
    Q_SITUATIONS = "以下哪些情况符合贵单位？", "Which of these apply to your enterprise?";
    /// Situations hint.
    HINT_SITUATIONS = "可多选，也可都不选。用于匹配没有资金的支持政策。", "Choose any, or none. They match programmes that offer support without money.";

    /// The check page.
    STEP_CHECK = "检查您的答案", "Check your answers";
    /// A loan row: `{principal}`, `{start}`, `{term}`.
    LOAN_SUMMARY = "本金 {principal}，{start} 起，{term} 个月", "{principal} from {start}, {term} months";
    /// A rate in a loan row: `{rate}`.
    LOAN_SUMMARY_RATE = "，合同年利率 {rate}", ", contract rate {rate}";

    /// Results.
    RESULTS = "测算结果", "Your estimate";
    /// Total.
    TOTAL = "预计可获得的奖补合计", "Rewards and subsidies you could receive, in total";
    /// The year of the results: `{year}`.
    FOR_YEAR = "测算年度：{year} 年", "Assessment year: {year}";
    /// How it is computed.
    FORMULA = "计算过程", "How it is worked out";
    /// Why not.
    WHY_NOT = "原因", "Why";
    /// What would change it.
    WHAT_WOULD_CHANGE = "怎样才能获得", "What would change it";
    /// Basis.
    BASIS = "依据", "Basis";
    /// Open a clause: `{clause}`.
    SHOW_CLAUSE = "查看原文 {clause}", "Read clause {clause}";
    /// Assumptions.
    ASSUMPTIONS = "测算假设（原文未规定）", "Assumptions of the estimate (the text is silent)";
    /// Caveats.
    CAVEATS = "请注意", "Please note";
    /// Warnings.
    WARNINGS = "提示", "Warning";
    /// Programmes.
    PROGRAMMES = "可以关注的其他支持（不涉及资金）", "Other support you may look into (no money)";
    /// Nothing matched.
    NO_PROGRAMMES = "根据您的回答，没有匹配到其他支持政策。", "Your answers match no other programme.";
    /// The size check.
    SIZE_CHECK = "科技型中小企业规模条件对照", "Your size against the technology-based SME limits";
    /// Within a limit.
    WITHIN = "符合规模要求", "within the limit";
    /// Over a limit.
    OVER = "超过规模要求", "over the limit";
    /// Policy facts.
    ABOUT_POLICY = "政策信息", "About the policy";
    /// Policy: `{doc}`, `{title}`.
    POLICY_LINE = "政策依据：{doc}《{title}》", "Policy: {doc}, {title}";
    /// Issue date.
    ISSUED = "印发日期", "Issued";
    /// Review date of the pack.
    REVIEWED = "本工具核对政策日期", "Checked by this tool on";
    /// LPR table date.
    LPR_CHECKED = "LPR表最后核实的报价", "Last LPR quote confirmed";
    /// Print.
    PRINT = "打印结果", "Print";
    /// Download.
    DOWNLOAD = "下载答案和结果（JSON）", "Download answers and results (JSON)";
    /// Share.
    SHARE = "分享链接", "Share link";
    /// Share hint.
    SHARE_HINT = "答案保存在链接的“#”之后，打开链接时不会发送到服务器。", "The answers are kept after the # of the link, which is never sent to a server.";
    /// Edit answers.
    EDIT_ANSWERS = "修改答案", "Change your answers";
    /// Start again.
    CLEAR = "清除我的答案", "Clear my answers";
    /// Cleared.
    CLEARED = "已清除您的答案。", "Your answers have been cleared.";
    /// On a kiosk, shortly before the answers are cleared: `{seconds}` left.
    IDLE_WARNING = "一段时间无人操作，本页的答案将在 {seconds} 秒后清除。如需继续填写，请点击“继续使用”或触摸屏幕。", "No one has used this screen for a while: the answers will be cleared in {seconds} seconds. To go on, choose Continue using or touch the screen.";
    /// Keeps a kiosk's answers when it warns.
    KEEP_USING = "继续使用", "Continue using";
    /// On a kiosk, after a while with no one using it.
    IDLE_CLEARED = "由于一段时间无人操作，上一位使用者的答案已清除。", "No one used this screen for a while, so the last person's answers have been cleared.";
    /// A bad share link.
    BAD_LINK = "这个分享链接已损坏或无法识别，已为您重新开始。", "This share link is damaged or not recognised, so you are starting afresh.";
    /// A share link for another pack or version.
    OTHER_PACK_LINK = "这个分享链接属于其他版本的政策数据，已为您重新开始。", "This share link was made for another version of the policy data, so you are starting afresh.";
    /// The cited clauses, printed.
    CITED_CLAUSES = "依据的条款原文", "The clauses cited, in their own words";
    /// While the report's texts (the clauses' words and the like) load.
    TEXTS_LOADING = "正在载入条款原文、假设和说明……", "Loading the clauses' words, the assumptions and the notes…";
    /// When the report's texts could not be loaded.
    TEXTS_FAILED = "条款原文、假设和说明未能载入。金额和计算过程不受影响。", "The clauses' words, the assumptions and the notes could not be loaded. The amounts and their working are not affected.";
    /// Try loading again.
    RETRY = "重新载入", "Try again";
    /// Printed on.
    PRINTED_ON = "生成日期", "Made on";

    /// A count must be a whole number.
    ERR_NOT_WHOLE = "请输入整数，例如 3", "Enter a whole number, like 3";
    /// Not a number.
    ERR_NOT_A_NUMBER = "请输入数字，例如 3", "Enter a number, like 3";
    /// A sign where none belongs.
    ERR_SIGN = "不能为负数，也不要加正负号", "Enter the number without a sign; it cannot be negative";
    /// Scientific notation.
    ERR_EXPONENT = "请直接写出数字，不要用科学计数法", "Write the number out; scientific notation is not accepted";
    /// More decimals than allowed.
    ERR_TOO_MANY_DECIMALS = "小数位数过多：金额最多两位（到分），利率最多四位", "Too many decimal places: amounts have two (fen), rates four";
    /// Separators in the wrong places.
    ERR_BAD_GROUPING = "千位分隔符应每三位一组，例如 1,000,000", "Thousands separators go every three digits, like 1,000,000";
    /// Too large.
    ERR_TOO_LARGE = "数值过大，请检查", "That number is too large; check it";
    /// Empty.
    ERR_EMPTY = "请输入数量，没有请填 0", "Enter a number; enter 0 if there are none";
    /// Bad year.
    ERR_YEAR = "请输入2000年至2100年之间的年份，例如 2025", "Enter a year from 2000 to 2100, like 2025";
    /// Registration not chosen.
    ERR_CHOOSE_REGISTERED = "请选择企业是否在本地注册登记", "Choose whether the enterprise is registered here";
    /// SME not chosen.
    ERR_CHOOSE_TECH_SME = "请选择是否已登记为科技型中小企业；不确定请选“不确定”", "Choose whether it is registered as a technology-based SME; choose Not sure if you do not know";
    /// The abnormal-operations question not answered.
    ERR_CHOOSE_ABNORMAL = "请选择企业是否被列入经营异常名录", "Choose whether the enterprise is on the list of enterprises with abnormal operations";
    /// The serious-dishonesty question not answered.
    ERR_CHOOSE_DISHONEST = "请选择企业是否被列入严重违法失信名单", "Choose whether the enterprise is on a list of seriously illegal and dishonest enterprises";
    /// Loans not chosen.
    ERR_CHOOSE_LOANS = "请选择是否有知识产权质押贷款", "Choose whether there were IP-pledge loans";
    /// No loan added.
    ERR_ADD_LOAN = "请至少添加一笔贷款，或选择“否”", "Add at least one loan, or choose No";
    /// Principal.
    ERR_PRINCIPAL = "请输入大于 0 的贷款本金，例如 5000000 或 500万", "Enter a principal above 0, like 5000000 or 500万";
    /// Date required.
    ERR_DATE_REQUIRED = "请输入贷款起始日", "Enter the start date of the loan";
    /// Bad date.
    ERR_DATE = "请输入有效日期，格式为 年-月-日，例如 2025-03-01", "Enter a real date as year-month-day, like 2025-03-01";
    /// Term.
    ERR_TERM = "请输入 1 至 360 之间的整月数", "Enter a whole number of months from 1 to 360";
    /// LPR not newer.
    ERR_LPR_NOT_NEWER = "生效日应晚于本工具LPR表的最后一次调整", "The date must be after the last change in this tool's LPR table";
    /// LPR pair.
    ERR_LPR_PAIR = "请同时填写新LPR的生效日和利率，或都不填", "Enter both the date and the rate of the new LPR, or neither";
    /// A level question of the pack not answered: `{label}`, the question.
    ERR_CHOOSE_LEVEL = "请回答：{label}", "Choose an answer to “{label}”";
    /// A count question of the pack not answered: `{label}`, the question.
    ERR_COUNT = "请填写{label}，没有请填 0", "Enter a number for “{label}”; enter 0 if there were none";
    /// A newer LPR's rate outside what a rate can be.
    ERR_LPR_RATE = "请输入大于 0、不超过 100 的利率，例如 3.0", "Enter a rate above 0 and at most 100, like 3.0";
    /// The engine refused the answers.
    ERR_ENGINE = "无法计算，请检查填写的内容", "This cannot be calculated; check your answers";
    /// The pack could not be read.
    ERR_PACK = "政策数据无法读取，请刷新页面或联系网站管理员。", "The policy data could not be read. Reload the page, or tell the site's administrator.";
    /// An error's prefix for screen readers.
    ERROR_PREFIX = "错误：", "Error: ";
    /// Privacy.
    PRIVACY = "您填写的内容只在本浏览器中计算，不会发送到任何服务器。", "What you enter is calculated in this browser only and is never sent to any server.";
    /// A label and its value: `{label}` and `{value}`.
    LABELLED = "{label}：{value}", "{label}: {value}";
    /// Something and, in brackets, more: `{text}`, `{more}`.
    BRACKETED = "{text}（{more}）", "{text} ({more})";
    /// Kept in the browser.
    KEPT_HERE = "答案保存在本浏览器中，刷新页面不会丢失；离开前可以清除。", "Your answers are kept in this browser, so a reload loses nothing; clear them before you leave.";
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    ipsc_engine::explain::fill(template, values)
}

/// `label：value` in Chinese, `label: value` in English.
pub fn labelled(lang: ipsc_engine::Lang, label: &str, value: &str) -> String {
    fill(LABELLED.get(lang), &[("label", label), ("value", value)])
}

/// `text（more）` in Chinese, `text (more)` in English.
pub fn bracketed(lang: ipsc_engine::Lang, text: &str, more: &str) -> String {
    fill(BRACKETED.get(lang), &[("text", text), ("more", more)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_string_exists_in_both_languages() {
        for (name, tr) in ALL {
            assert!(!tr.zh.trim().is_empty(), "{name} has no Chinese");
            assert!(!tr.en.trim().is_empty(), "{name} has no English");
        }
    }

    /// The limits are the engine's; the words that state them must say the same numbers.
    #[test]
    fn the_words_state_the_engines_limits() {
        use ipsc_engine::assess::{MAX_TERM_MONTHS, YEARS};
        for lang in [Lang::Zh, Lang::En] {
            let year = ERR_YEAR.get(lang);
            assert!(year.contains(&YEARS.start().to_string()), "{year}");
            assert!(year.contains(&YEARS.end().to_string()), "{year}");
            let term = ERR_TERM.get(lang);
            assert!(term.contains(&format!(" {MAX_TERM_MONTHS}")), "{term}");
        }
    }
}
