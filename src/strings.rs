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

/// Strings in both languages: `NAME = "中文", "English";`, each a `pub const` of type [`Tr`],
/// and `ALL`, every one of them with its name, for the test that none is empty.
macro_rules! strings {
    ($($(#[$meta:meta])* $name:ident = $zh:literal, $en:literal;)*) => {
        $($(#[$meta])* pub const $name: Tr = Tr { zh: $zh, en: $en };)*
        /// Every string, for the test that none is empty.
        pub const ALL: &[(&str, Tr)] = &[$((stringify!($name), $name),)*];
    };
}
pub(crate) use strings;

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
    /// Under the buttons of the first step written into the page, until the app runs.
    LOADING = "正在加载，稍候即可使用按钮继续。已选的答案会保留。", "Loading: the buttons work in a moment. Answers you choose now are kept.";
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
    /// Staff.
    Q_STAFF = "职工总数（人）", "Staff (people)";
    /// Sales.
    Q_SALES = "年销售收入（元）", "Annual sales (yuan)";
    /// Assets.
    Q_ASSETS = "资产总额（元）", "Total assets (yuan)";

    /// Step 2.
    STEP_ITEMS = "测算年度内获得的授权", "Grants in the assessment year";

    /// Step 3.
    STEP_LOANS = "知识产权质押贷款", "IP-pledge loans";

    /// Step 4.
    STEP_LEVELS = "认定情况", "Recognition";

    /// Step 5.
    STEP_SITUATIONS = "其他情况", "Other situations";

    /// The check page.
    STEP_CHECK = "检查您的答案", "Check your answers";

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
    WHAT_WOULD_CHANGE = "怎样才能获得", "What it would take";
    /// What to do next, for an eligible line.
    NEXT_STEPS = "下一步", "What to do next";
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
    /// The overview under the total.
    OVERVIEW = "各项结果一览", "Line by line";
    /// The overview's first column.
    COL_MEASURE = "项目", "Measure";
    /// The overview's second column.
    COL_STATUS = "结果", "Outcome";
    /// The overview's third column.
    COL_AMOUNT = "金额", "Amount";
    /// How many programmes without money matched: `{n}`.
    PROGRAMMES_MATCHED = "另有 {n} 项原文未写明金额的支持与您的回答相符，见下文。", "{n} programmes for which the text states no amount match your answers; see below.";
    /// Opens the rest of a list: `{n}` more.
    SHOW_MORE = "另有 {n} 条", "{n} more";
    /// A folded list's heading: `{title}` and how many items, `{n}`.
    FOLDED = "{title}（{n} 条）", "{title} ({n})";
    /// Programmes.
    PROGRAMMES = "可以关注的其他支持（原文未写明金额）", "Other support you may look into (no amount stated)";
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
    /// On a kiosk's results: clear now for the next person.
    FINISH = "完成并清除", "Finish and clear";
    /// On a kiosk, after Finish and clear.
    FINISHED = "上一位使用者的答案已清除，可以开始新的测算。", "The last person's answers have been cleared: a new estimate can begin.";
    /// The QR code's caption on a kiosk's results.
    QR_CAPTION = "用手机扫描二维码，即可在手机上打开这份测算。答案写在链接“#”之后的部分，浏览器打开链接时不会把这部分发给网站；扫码所用的应用可能读取整个链接。", "Scan the QR code with a phone to open this estimate there. The answers are in the part of the link after the #, which a browser does not send to the website when it opens the link; the app you scan with may read the whole link.";
    /// The QR code's accessible name.
    QR_LABEL = "这份测算的二维码", "QR code of this estimate";
    /// When the QR code could not be made.
    QR_FAILED = "二维码未能生成。如需保存这份测算，请打印。", "The QR code could not be made. To keep this estimate, print it.";
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
    /// The results' module could not be loaded.
    REPORT_FAILED = "测算结果未能载入。请检查网络连接，返回上一步后再试。", "The results could not be loaded. Check the connection, go back a step and try again.";
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
    /// Bad date.
    ERR_DATE = "请输入有效日期，格式为 年-月-日，例如 2025-03-01", "Enter a real date as year-month-day, like 2025-03-01";
    /// LPR not newer.
    ERR_LPR_NOT_NEWER = "生效日应晚于本工具LPR表的最后一次调整", "The date must be after the last change in this tool's LPR table";
    /// LPR pair.
    ERR_LPR_PAIR = "请同时填写新LPR的生效日和利率，或都不填", "Enter both the date and the rate of the new LPR, or neither";
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
    /// Where the browser refused, at start, to keep anything (storage switched off, a
    /// private mode).
    NOT_KEPT = "此浏览器不允许本页保存答案：刷新或关闭页面后，答案会丢失。如需保留，请在测算结果页复制分享链接。", "This browser does not let the page keep your answers: a reload or closing the page loses them. To keep them, copy the share link on the results page.";
    /// Where a write failed later (storage full, or switched off meanwhile).
    NOT_KEPT_ANY_MORE = "浏览器已不再保存本页的答案（存储空间已满或已被关闭）：最近的修改没有保存，刷新页面会丢失。如需保留，请在测算结果页复制分享链接。", "The browser has stopped keeping this page's answers (its storage is full or was switched off): your latest changes were not kept, and a reload would lose them. To keep them, copy the share link on the results page.";
    /// Another tab changed the kept answers.
    CHANGED_ELSEWHERE = "另一个标签页或窗口更改了保存的答案。在您选择之前，本页不会保存自己的答案。", "The kept answers were changed in another tab or window. This page will not save its own answers until you choose.";
    /// Another tab cleared the kept answers.
    CLEARED_ELSEWHERE = "另一个标签页或窗口清除了保存的答案。在您选择之前，本页不会保存自己的答案。", "The kept answers were cleared in another tab or window. This page will not save its own answers until you choose.";
    /// Take the other tab's answers.
    TAKE_THEIRS = "改用另一个标签页的答案", "Use the other tab's answers";
    /// Clear here as the other tab did.
    CLEAR_HERE_TOO = "在本页也清除", "Clear them here too";
    /// Keep this tab's answers (and save them over the other's).
    KEEP_MINE = "保留并保存本页的答案", "Keep and save this page's answers";
    /// Over the check page's errors.
    REFUSED_INTRO = "以下回答无法采用。请逐一修改，修改后才能查看测算结果。", "These answers cannot be used. Change each of them to see the estimate.";
    /// In place of the running estimate while an answer is refused.
    RUNNING_WITHHELD = "有回答需要修改，修改后再显示估算", "An answer needs changing before an estimate can show";
    /// A share link with two answers to one question.
    REPEATED_LINK = "这个分享链接中同一个问题有不止一个答案，无法确定采用哪一个，已为您重新开始。", "This share link gives more than one answer to the same question, so it cannot be read: you are starting afresh.";
    /// An answer longer than anyone means: `{n}` characters at most.
    ERR_TOO_LONG = "内容过长：最多 {n} 个字符", "Too long: use at most {n} characters";
    /// A kept value that is none of the question's choices (a link made by hand).
    ERR_NOT_A_CHOICE = "这个回答不是可选的选项之一，请重新选择", "This answer is not one of the choices: choose again";
}

/// Fills `{name}` placeholders.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    ipsc_engine::explain::fill(template, values)
}

/// Fills `{name}` placeholders in both languages.
pub fn fill_both(template: Tr, values: &[(&str, &str)]) -> ipsc_engine::Text {
    ipsc_engine::Text {
        zh: fill(template.zh, values),
        en: fill(template.en, values),
    }
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
}
