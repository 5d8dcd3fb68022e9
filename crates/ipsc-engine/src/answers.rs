//! What the enterprise answered: the same shape the app saves, shares and exports, and
//! the command-line `assess` reads.

use crate::date::Date;
use litemap::LiteMap;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The version of the answers' shape; a saved or shared file of another version is refused.
pub const ANSWERS_VERSION: u32 = 1;

/// Yes, no, or not sure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum YesNoUnsure {
    /// Yes.
    Yes,
    /// No.
    No,
    /// Not sure.
    Unsure,
}

impl YesNoUnsure {
    /// The word for it in answers files, share links and downloads (as serde writes it).
    pub fn code(self) -> &'static str {
        match self {
            YesNoUnsure::Yes => "yes",
            YesNoUnsure::No => "no",
            YesNoUnsure::Unsure => "unsure",
        }
    }

    /// The answer a word from [`YesNoUnsure::code`] stands for.
    pub fn from_code(code: &str) -> Option<YesNoUnsure> {
        [YesNoUnsure::Yes, YesNoUnsure::No, YesNoUnsure::Unsure]
            .into_iter()
            .find(|v| v.code() == code)
    }
}

/// All answers. Every field may be missing: an unanswered question gives "needs more
/// information", never a guess.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Answers {
    /// The shape's version, [`ANSWERS_VERSION`].
    pub version: u32,
    /// The id of the pack the answers were given for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
    /// The assessment year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Registered in the pack's jurisdiction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registered_locally: Option<bool>,
    /// Where in the jurisdiction (a region id of the pack).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The industry (an industry id of the pack).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// Registered as a technology-based SME in the assessment year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tech_sme: Option<YesNoUnsure>,
    /// Size figures, asked when the enterprise is not sure about registration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<SizeFigures>,
    /// On the list of enterprises with abnormal operations (经营异常名录).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abnormal_list: Option<bool>,
    /// On a list of seriously dishonest enterprises (严重违法失信名单).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dishonest_list: Option<bool>,
    /// Items counted in the year, by count question id.
    #[serde(skip_serializing_if = "LiteMap::is_empty")]
    pub counts: LiteMap<String, u32>,
    /// IP-pledge loans.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub loans: Vec<Loan>,
    /// A newer 1-year LPR than the pack's table holds, entered by the user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub newer_lpr: Option<NewerLpr>,
    /// Levels of recognition, by level question id.
    #[serde(skip_serializing_if = "LiteMap::is_empty")]
    pub levels: LiteMap<String, String>,
    /// The situations that apply, by situation id.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub situations: Vec<String>,
}

/// Size figures that registration as a technology-based SME looks at.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SizeFigures {
    /// Staff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff: Option<u32>,
    /// Annual sales in yuan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sales: Option<Decimal>,
    /// Total assets in yuan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assets: Option<Decimal>,
}

/// A loan secured by a pledge of IP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Loan {
    /// The principal secured by the pledge, in yuan.
    pub principal: Decimal,
    /// The day the loan started.
    pub start: Date,
    /// The term in months.
    pub term_months: u32,
    /// The contract's yearly rate in percent, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_rate: Option<Decimal>,
}

/// A 1-year LPR newer than the pack's table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewerLpr {
    /// The day it took effect.
    pub effective: Date,
    /// The rate in percent.
    pub one_year: Decimal,
}
