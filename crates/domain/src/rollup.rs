//! Roll-up arithmetic: the figures a dashboard shows for one unit's
//! subtree, and how children's figures add up to their parent's.

use serde::{Deserialize, Serialize};

use crate::TaskStatus;

/// Tasks of a subtree counted by [`TaskStatus`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskCounts {
    /// Chưa đến hạn.
    pub chua_den_han: i64,
    /// Đang thực hiện trong hạn.
    pub dang_thuc_hien: i64,
    /// Quá hạn.
    pub qua_han: i64,
    /// Hoàn thành đúng hạn.
    pub dung_han: i64,
    /// Hoàn thành quá hạn.
    pub tre_han: i64,
}

impl TaskCounts {
    /// The count for one status.
    pub fn get(&self, s: TaskStatus) -> i64 {
        match s {
            TaskStatus::ChuaDenHan => self.chua_den_han,
            TaskStatus::DangThucHien => self.dang_thuc_hien,
            TaskStatus::QuaHan => self.qua_han,
            TaskStatus::DungHan => self.dung_han,
            TaskStatus::TreHan => self.tre_han,
        }
    }

    /// Adds `n` tasks of status `s`.
    pub fn add_status(&mut self, s: TaskStatus, n: i64) {
        match s {
            TaskStatus::ChuaDenHan => self.chua_den_han += n,
            TaskStatus::DangThucHien => self.dang_thuc_hien += n,
            TaskStatus::QuaHan => self.qua_han += n,
            TaskStatus::DungHan => self.dung_han += n,
            TaskStatus::TreHan => self.tre_han += n,
        }
    }

    /// All tasks.
    pub fn total(&self) -> i64 {
        TaskStatus::ALL.iter().map(|s| self.get(*s)).sum()
    }

    /// Adds another subtree's counts.
    pub fn add(&mut self, o: &TaskCounts) {
        for s in TaskStatus::ALL {
            self.add_status(*s, o.get(*s));
        }
    }
}

/// A unit's subtree figures for one campaign.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitStats {
    /// Members in the subtree.
    pub members: i64,
    /// Distinct members of the subtree who attended a session of the campaign.
    pub attended: i64,
    /// Units in the subtree that owe a plan.
    pub plans_expected: i64,
    /// Plans issued on time.
    pub plans_on_time: i64,
    /// Plans issued late.
    pub plans_late: i64,
    /// Units in the subtree that owe a report for the current period.
    pub reports_expected: i64,
    /// Reports submitted for the current period.
    pub reports_in: i64,
    /// Tasks led by units of the subtree, by status.
    pub tasks: TaskCounts,
}

impl UnitStats {
    /// Units owing a plan that have not issued one.
    pub fn plans_missing(&self) -> i64 {
        (self.plans_expected - self.plans_on_time - self.plans_late).max(0)
    }

    /// Reports owed and not in.
    pub fn reports_missing(&self) -> i64 {
        (self.reports_expected - self.reports_in).max(0)
    }

    /// Coverage in per-mille (0..=1000): attended / members; 0 without members.
    pub fn coverage_permille(&self) -> i64 {
        if self.members <= 0 {
            0
        } else {
            (self.attended.clamp(0, self.members) * 1000) / self.members
        }
    }

    /// Coverage as a percentage with one decimal's precision.
    pub fn coverage_pct(&self) -> f64 {
        self.coverage_permille() as f64 / 10.0
    }

    /// Whether coverage reaches `target_pct` (exact integer comparison).
    pub fn meets_target(&self, target_pct: i64) -> bool {
        self.members > 0 && self.attended * 100 >= target_pct * self.members
    }

    /// Adds a disjoint subtree's figures (children add up to their parent).
    pub fn add(&mut self, o: &UnitStats) {
        self.members += o.members;
        self.attended += o.attended;
        self.plans_expected += o.plans_expected;
        self.plans_on_time += o.plans_on_time;
        self.plans_late += o.plans_late;
        self.reports_expected += o.reports_expected;
        self.reports_in += o.reports_in;
        self.tasks.add(&o.tasks);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_is_zero_without_members_and_capped() {
        let s = UnitStats::default();
        assert_eq!(s.coverage_permille(), 0);
        assert!(!s.meets_target(0));
        let s = UnitStats {
            members: 3,
            attended: 2,
            ..Default::default()
        };
        assert_eq!(s.coverage_permille(), 666);
        assert!(s.meets_target(66) && !s.meets_target(67));
        let over = UnitStats {
            members: 2,
            attended: 5,
            ..Default::default()
        };
        assert_eq!(over.coverage_permille(), 1000);
    }

    #[test]
    fn children_add_up_to_parent() {
        let mut a = UnitStats {
            members: 10,
            attended: 7,
            plans_expected: 2,
            plans_on_time: 1,
            ..Default::default()
        };
        a.tasks.add_status(TaskStatus::QuaHan, 2);
        let mut b = UnitStats {
            members: 5,
            attended: 1,
            plans_expected: 1,
            plans_late: 1,
            reports_expected: 1,
            ..Default::default()
        };
        b.tasks.add_status(TaskStatus::DungHan, 1);
        let mut parent = UnitStats::default();
        parent.add(&a);
        parent.add(&b);
        assert_eq!((parent.members, parent.attended), (15, 8));
        assert_eq!(parent.plans_missing(), 1);
        assert_eq!(parent.reports_missing(), 1);
        assert_eq!(parent.tasks.total(), 3);
        assert_eq!(parent.tasks.get(TaskStatus::QuaHan), 2);
    }
}
