//! `domain` holds trienkhai's words as types, with no I/O: the unit tree's
//! [`UnitKind`]s, account [`Role`]s, the [`TaskStatus`] rule Vietnamese
//! offices use, [`PlanStatus`], [`Recurrence`] of periodic deadlines,
//! document numbering scopes ([`NumberScope`]) used to resolve references,
//! and the roll-up arithmetic of [`UnitStats`] and [`TaskCounts`].
//!
//! Time is UTC epoch seconds (`i64`) everywhere; calendar dates are whole
//! days since 1970-01-01 ([`date`]).

pub mod date;
pub mod numbering;
pub mod rollup;
pub mod text;

pub use numbering::{DocFamily, NumberScope, normalize_number};
pub use rollup::{TaskCounts, UnitStats};

use serde::{Deserialize, Serialize};

/// A value that could not be read as one of the domain's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The text is not one of the known codes of the named kind.
    #[error("unknown {kind}: {value:?}")]
    Unknown {
        /// Which word was expected (e.g. `unit kind`).
        kind: &'static str,
        /// The text given.
        value: String,
    },
}

fn unknown(kind: &'static str, value: &str) -> ParseError {
    ParseError::Unknown {
        kind,
        value: value.to_owned(),
    }
}

/// Declares a string-coded enum with `as_str`, `label_vi` and `FromStr`.
macro_rules! coded_enum {
    ($(#[$m:meta])* $name:ident, $what:literal, { $($(#[$vm:meta])* $variant:ident = $code:literal, $vi:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $variant,)+ }
        impl $name {
            /// All values, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];
            /// The stable code stored in the database.
            pub fn as_str(self) -> &'static str { match self { $($name::$variant => $code,)+ } }
            /// The Vietnamese label shown to users.
            pub fn label_vi(self) -> &'static str { match self { $($name::$variant => $vi,)+ } }
        }
        impl std::str::FromStr for $name {
            type Err = ParseError;
            fn from_str(s: &str) -> Result<Self, ParseError> {
                match s { $($code => Ok($name::$variant),)+ other => Err(unknown($what, other)) }
            }
        }
        impl TryFrom<String> for $name {
            type Error = ParseError;
            fn try_from(s: String) -> Result<Self, ParseError> { s.parse() }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

coded_enum!(
    /// The kind (level) of a unit in the party/State tree.
    UnitKind, "unit kind", {
    /// The centre (Ban Chấp hành Trung ương): the root.
    Central = "central", "Trung ương";
    /// A provincial or city party committee (Tỉnh ủy, Thành ủy).
    Province = "province", "Tỉnh ủy/Thành ủy";
    /// A commune or ward party committee (Đảng ủy xã/phường/đặc khu).
    Commune = "commune", "Đảng ủy xã/phường";
    /// The party committee of an agency bloc (Đảng ủy các cơ quan).
    Agency = "agency", "Đảng ủy cơ quan";
    /// A grassroots party organisation (tổ chức cơ sở đảng).
    Grassroots = "grassroots", "Tổ chức cơ sở đảng";
    /// A party cell (chi bộ).
    Cell = "cell", "Chi bộ";
    /// A State office or department (sở, ban, ngành).
    Office = "office", "Cơ quan, đơn vị";
});

impl UnitKind {
    /// Whether a unit of this kind must issue its own plan for a campaign
    /// (cells study and act but carry out their committee's plan).
    pub fn owes_plan(self) -> bool {
        !matches!(self, UnitKind::Cell)
    }

    /// Whether a unit of this kind sends periodic reports upward.
    pub fn owes_report(self) -> bool {
        self.owes_plan()
    }
}

coded_enum!(
    /// The role of an account, which decides what it may do within its unit's subtree.
    Role, "role", {
    /// Administrator (quản trị).
    QuanTri = "quan_tri", "Quản trị";
    /// Leader (lãnh đạo): approves, sends back.
    LanhDao = "lanh_dao", "Lãnh đạo";
    /// Specialist (chuyên viên): runs campaigns, tasks, sessions.
    ChuyenVien = "chuyen_vien", "Chuyên viên";
    /// Clerk (văn thư): uploads documents, imports lists.
    VanThu = "van_thu", "Văn thư";
    /// Party member (đảng viên): checks in, sees own duties.
    DangVien = "dang_vien", "Đảng viên";
});

coded_enum!(
    /// How an attendance was recorded.
    AttendanceMethod, "attendance method", {
    /// The member scanned the session's QR code.
    Qr = "qr", "Quét mã QR";
    /// Imported from a list (.xlsx/.csv).
    List = "list", "Nhập danh sách";
    /// Entered by hand by a clerk.
    Manual = "manual", "Nhập thủ công";
});

coded_enum!(
    /// How a study session is held.
    SessionMode, "session mode", {
    /// In person (trực tiếp).
    InPerson = "in_person", "Trực tiếp";
    /// Online (trực tuyến) at bridge points.
    Online = "online", "Trực tuyến";
    /// Both in person and online.
    Both = "both", "Trực tiếp kết hợp trực tuyến";
});

coded_enum!(
    /// A typed link between two documents.
    RelationKind, "relation kind", {
    /// The document carries out the target ("thực hiện").
    Implements = "implements", "Thực hiện";
    /// The document guides the target ("hướng dẫn").
    Guides = "guides", "Hướng dẫn";
    /// The document replaces the target ("thay thế").
    Replaces = "replaces", "Thay thế";
    /// The document cites the target.
    Cites = "cites", "Viện dẫn";
});

coded_enum!(
    /// Lifecycle of a periodic report.
    ReportStatus, "report status", {
    /// Being written.
    Draft = "draft", "Dự thảo";
    /// Sent upward.
    Submitted = "submitted", "Đã gửi";
    /// Returned by the unit above with a reason.
    SentBack = "sent_back", "Bị trả lại";
});

coded_enum!(
    /// The workflow state of a task, stored; [`TaskStatus`] is derived from it and the clock.
    TaskState, "task state", {
    /// Open, being worked on.
    Open = "open", "Đang mở";
    /// Completion reported, awaiting the leader's confirmation.
    Reported = "reported", "Đã báo cáo hoàn thành";
    /// Completed and accepted.
    Done = "done", "Hoàn thành";
});

coded_enum!(
    /// The five statuses Vietnamese offices use for an assigned task.
    TaskStatus, "task status", {
    /// Not yet due, no progress yet (chưa đến hạn).
    ChuaDenHan = "chua_den_han", "Chưa đến hạn";
    /// In progress, within the deadline (đang thực hiện trong hạn).
    DangThucHien = "dang_thuc_hien", "Đang thực hiện trong hạn";
    /// Past the deadline and not done (quá hạn).
    QuaHan = "qua_han", "Quá hạn";
    /// Done on or before the deadline (hoàn thành đúng hạn).
    DungHan = "dung_han", "Hoàn thành đúng hạn";
    /// Done after the deadline (hoàn thành quá hạn).
    TreHan = "tre_han", "Hoàn thành quá hạn";
});

impl TaskStatus {
    /// The status of a task at `now`, from its deadline (`due`, epoch
    /// seconds; `None` = no deadline, e.g. "thường xuyên"), its progress in
    /// percent and when it was completed. A task completed exactly at its
    /// deadline is on time.
    pub fn of(due: Option<i64>, progress_pct: i64, completed_at: Option<i64>, now: i64) -> Self {
        match (completed_at, due) {
            (Some(done), Some(due)) if done > due => TaskStatus::TreHan,
            (Some(_), _) => TaskStatus::DungHan,
            (None, Some(due)) if now > due => TaskStatus::QuaHan,
            (None, _) if progress_pct > 0 => TaskStatus::DangThucHien,
            (None, _) => TaskStatus::ChuaDenHan,
        }
    }

    /// Whether the task is finished (either completion status).
    pub fn is_done(self) -> bool {
        matches!(self, TaskStatus::DungHan | TaskStatus::TreHan)
    }
}

coded_enum!(
    /// A periodic deadline ("định kỳ 6 tháng", "hằng quý", "hằng năm").
    Recurrence, "recurrence", {
    /// Every month.
    Monthly = "monthly", "Hằng tháng";
    /// Every quarter.
    Quarterly = "quarterly", "Hằng quý";
    /// Every six months.
    HalfYearly = "half_yearly", "Định kỳ 6 tháng";
    /// Every year.
    Yearly = "yearly", "Hằng năm";
});

impl Recurrence {
    /// Months between two deadlines.
    pub fn months(self) -> i64 {
        match self {
            Recurrence::Monthly => 1,
            Recurrence::Quarterly => 3,
            Recurrence::HalfYearly => 6,
            Recurrence::Yearly => 12,
        }
    }

    /// The next deadline after `due` (epoch seconds): the same day of the
    /// month `months()` later, clamped to the month's last day.
    pub fn next_after(self, due: i64) -> i64 {
        let day = due.div_euclid(date::DAY);
        let secs = due.rem_euclid(date::DAY);
        let (y, m, d) = date::civil_from_days(day);
        let total = y * 12 + (m - 1) + self.months();
        let (ny, nm) = (total.div_euclid(12), total.rem_euclid(12) + 1);
        let nd = d.min(date::days_in_month(ny, nm));
        date::days_from_civil(ny, nm, nd) * date::DAY + secs
    }

    /// The first deadline of the series that is not before `now`, walking
    /// from `first` (bounded so a corrupt value cannot loop for long).
    pub fn current_due(self, first: i64, now: i64) -> i64 {
        /// More periods than any real campaign spans (100 years monthly).
        const MAX_PERIODS: usize = 1200;
        let mut due = first;
        for _ in 0..MAX_PERIODS {
            if due >= now {
                break;
            }
            due = self.next_after(due);
        }
        due
    }
}

coded_enum!(
    /// Whether and when a unit issued its plan for a campaign.
    PlanStatus, "plan status", {
    /// Issued on or before the plan deadline.
    OnTime = "on_time", "Đã ban hành đúng hạn";
    /// Issued after the deadline.
    Late = "late", "Ban hành chậm";
    /// Not issued (yet).
    Missing = "missing", "Chưa ban hành";
});

impl PlanStatus {
    /// The status of a plan issued at `issued_at` (if at all) against `due`.
    pub fn of(issued_at: Option<i64>, due: i64) -> Self {
        match issued_at {
            Some(at) if at <= due => PlanStatus::OnTime,
            Some(_) => PlanStatus::Late,
            None => PlanStatus::Missing,
        }
    }
}

/// Bit flags of a member's roles (`members.roles`).
pub mod member_roles {
    /// Secretary of the cell or committee (bí thư).
    pub const SECRETARY: i64 = 1;
    /// Member of the standing committee (ủy viên ban thường vụ).
    pub const STANDING: i64 = 2;
    /// Member of the executive committee (cấp ủy viên).
    pub const COMMITTEE: i64 = 4;
    /// Reporter/presenter qualified to present (báo cáo viên).
    pub const PRESENTER: i64 = 8;
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: i64 = date::DAY;

    #[test]
    fn task_status_follows_deadline_progress_and_completion() {
        let due = 100 * D;
        assert_eq!(
            TaskStatus::of(Some(due), 0, None, due - D),
            TaskStatus::ChuaDenHan
        );
        assert_eq!(
            TaskStatus::of(Some(due), 30, None, due - D),
            TaskStatus::DangThucHien
        );
        assert_eq!(
            TaskStatus::of(Some(due), 30, None, due + 1),
            TaskStatus::QuaHan
        );
        assert_eq!(
            TaskStatus::of(Some(due), 100, Some(due), due + D),
            TaskStatus::DungHan
        );
        assert_eq!(
            TaskStatus::of(Some(due), 100, Some(due + 1), due + D),
            TaskStatus::TreHan
        );
        assert_eq!(
            TaskStatus::of(None, 0, None, i64::MAX),
            TaskStatus::ChuaDenHan
        );
        assert!(TaskStatus::TreHan.is_done() && !TaskStatus::QuaHan.is_done());
    }

    #[test]
    fn plan_status_on_deadline_is_on_time() {
        assert_eq!(PlanStatus::of(Some(10), 10), PlanStatus::OnTime);
        assert_eq!(PlanStatus::of(Some(11), 10), PlanStatus::Late);
        assert_eq!(PlanStatus::of(None, 10), PlanStatus::Missing);
    }

    #[test]
    fn recurrence_clamps_to_month_end_and_finds_current_period() {
        let jan31 = date::days_from_civil(2024, 1, 31) * D;
        let feb29 = date::days_from_civil(2024, 2, 29) * D;
        assert_eq!(Recurrence::Monthly.next_after(jan31), feb29);
        let jun30 = date::days_from_civil(2023, 6, 30) * D;
        let dec30 = date::days_from_civil(2023, 12, 30) * D;
        assert_eq!(Recurrence::HalfYearly.next_after(jun30), dec30);
        let now = date::days_from_civil(2024, 2, 1) * D;
        assert_eq!(Recurrence::Monthly.current_due(jan31, now), feb29);
        assert_eq!(Recurrence::Monthly.current_due(jan31, jan31), jan31);
    }

    #[test]
    fn codes_round_trip() {
        for k in UnitKind::ALL {
            assert_eq!(k.as_str().parse::<UnitKind>(), Ok(*k));
        }
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(*r));
        }
        assert!("chief".parse::<Role>().is_err());
        assert!(!UnitKind::Cell.owes_plan() && UnitKind::Commune.owes_plan());
    }
}
