//! Interface languages: Vietnamese (default) and English.
//!
//! Messages are a flat table of keys; a key missing from a language falls
//! back to Vietnamese, and a key missing everywhere shows itself, so a gap is
//! visible instead of silent.

use axum::http::HeaderMap;

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code (`vi`, `en`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// Parses a code; anything unknown is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a request asks for: the `lang` cookie, else Vietnamese
    /// (the product's users work in Vietnamese whatever their browser says).
    pub fn from_headers(headers: &HeaderMap) -> Lang {
        headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|kv| kv.trim().strip_prefix("lang="))
            .find_map(Lang::from_code)
            .unwrap_or_default()
    }

    /// The message for `key` in this language.
    pub fn t(self, key: &str) -> &'static str {
        let found = MESSAGES.iter().find(|(k, _, _)| *k == key);
        match (self, found) {
            (Lang::En, Some((_, _, en))) if !en.is_empty() => en,
            (_, Some((_, vi, _))) => vi,
            (_, None) => "⟨?⟩",
        }
    }
}

/// `(key, Vietnamese, English)`.
const MESSAGES: &[(&str, &str, &str)] = &[
    ("app.name", "Triển khai", "Triển khai"),
    (
        "app.tagline",
        "Theo dõi việc triển khai văn bản từ Trung ương đến chi bộ",
        "Following a directive from the centre to every cell",
    ),
    ("nav.dashboard", "Tổng quan", "Dashboard"),
    ("nav.documents", "Văn bản", "Documents"),
    ("nav.tasks", "Nhiệm vụ", "Tasks"),
    ("nav.sessions", "Học tập", "Study sessions"),
    ("nav.reports", "Báo cáo", "Reports"),
    ("nav.search", "Tìm kiếm", "Search"),
    (
        "search.placeholder",
        "Tìm văn bản, đơn vị, nhiệm vụ…",
        "Find documents, units, tasks…",
    ),
    (
        "search.off",
        "Chưa mở chỉ mục tìm kiếm trên máy chủ này.",
        "No search index is open on this server.",
    ),
    ("search.none", "Không tìm thấy kết quả.", "Nothing found."),
    ("kind.document", "Văn bản", "Document"),
    ("kind.unit", "Đơn vị", "Unit"),
    ("kind.task", "Nhiệm vụ", "Task"),
    ("lang.switch", "English", "Tiếng Việt"),
    ("home.title", "Trang chủ", "Home"),
    (
        "home.no_campaign",
        "Chưa có đợt triển khai nào bao gồm đơn vị của bạn. Hãy tải văn bản chỉ đạo lên và bắt đầu một đợt triển khai.",
        "No campaign covers your unit yet. Upload a directive and start a campaign.",
    ),
    ("error.not_found", "Không tìm thấy trang", "Page not found"),
    ("common.back", "Quay lại", "Back"),
    ("common.filter", "Lọc", "Filter"),
    ("common.more", "Xem thêm", "More"),
    ("common.save", "Lưu", "Save"),
    ("auth.title", "Đăng nhập", "Sign in"),
    ("auth.username", "Tên đăng nhập", "User name"),
    ("auth.password", "Mật khẩu", "Password"),
    ("auth.submit", "Đăng nhập", "Sign in"),
    ("auth.signout", "Đăng xuất", "Sign out"),
    (
        "auth.bad",
        "Tên đăng nhập hoặc mật khẩu không đúng",
        "Wrong user name or password",
    ),
    (
        "auth.too_many",
        "Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 15 phút.",
        "Too many failed attempts. Try again in 15 minutes.",
    ),
    ("dash.unit", "Đơn vị", "Unit"),
    ("dash.directive", "Văn bản chỉ đạo", "Directive"),
    ("dash.plan_due", "Hạn ban hành kế hoạch", "Plan due"),
    ("dash.study_due", "Hạn học tập, quán triệt", "Study due"),
    ("dash.coverage", "Tỷ lệ học tập", "Coverage"),
    ("dash.target", "chỉ tiêu", "target"),
    ("dash.members", "đảng viên", "members"),
    ("dash.plans", "Kế hoạch đã ban hành", "Plans issued"),
    ("dash.plan", "Kế hoạch", "Plan"),
    ("dash.tasks", "Nhiệm vụ", "Tasks"),
    ("dash.reports", "Báo cáo kỳ này", "Reports this period"),
    ("dash.report", "Báo cáo", "Report"),
    ("dash.report_link", "Báo cáo của đơn vị", "Unit's reports"),
    ("dash.children", "Các đơn vị trực thuộc", "Units below"),
    (
        "dash.chart_by_unit",
        "Tỷ lệ học tập theo đơn vị",
        "Coverage by unit",
    ),
    (
        "dash.chart_over_time",
        "Lượt tham gia tích lũy theo hội nghị",
        "Cumulative attendance by session",
    ),
    ("dash.overdue", "Nhiệm vụ quá hạn", "Overdue tasks"),
    (
        "dash.no_overdue",
        "Không có nhiệm vụ quá hạn.",
        "No overdue tasks.",
    ),
    (
        "dash.all_overdue",
        "Xem tất cả nhiệm vụ quá hạn",
        "All overdue tasks",
    ),
    ("plan.on_time", "đúng hạn", "on time"),
    ("plan.late", "chậm", "late"),
    ("plan.missing", "chưa ban hành", "missing"),
    ("task.chua_den_han", "Chưa đến hạn", "Not yet due"),
    ("task.dang_thuc_hien", "Đang thực hiện", "In progress"),
    ("task.qua_han", "Quá hạn", "Overdue"),
    ("task.dung_han", "Hoàn thành đúng hạn", "Done on time"),
    ("task.tre_han", "Hoàn thành quá hạn", "Done late"),
    ("task.title", "Nhiệm vụ", "Task"),
    ("task.one", "Nhiệm vụ", "Task"),
    ("task.lead", "Đơn vị chủ trì", "Lead unit"),
    ("task.support", "Đơn vị phối hợp", "Coordinating units"),
    ("task.due", "Hạn", "Due"),
    ("task.due_before", "Hạn trước ngày", "Due before"),
    ("task.status", "Trạng thái", "Status"),
    ("task.count", "nhiệm vụ", "tasks"),
    ("task.ongoing", "Thường xuyên", "Ongoing"),
    ("task.progress", "Tiến độ", "Progress"),
    ("task.note", "Ghi chú", "Note"),
    ("task.evidence", "Tệp minh chứng", "Evidence file"),
    (
        "task.report_done",
        "Báo cáo hoàn thành",
        "Report completion",
    ),
    ("task.update", "Cập nhật tiến độ", "Update progress"),
    ("task.ask_extension", "Xin gia hạn", "Ask for an extension"),
    ("task.until", "Gia hạn đến", "Extend until"),
    ("task.reason", "Lý do", "Reason"),
    (
        "task.extension_pending",
        "Đề nghị gia hạn",
        "Extension requested",
    ),
    ("task.approve", "Đồng ý", "Approve"),
    ("task.reject", "Không đồng ý", "Reject"),
    (
        "task.completion_reported",
        "Đơn vị báo cáo đã hoàn thành",
        "Completion reported",
    ),
    ("task.accept_done", "Xác nhận hoàn thành", "Accept"),
    ("task.send_back", "Trả lại", "Send back"),
    ("task.sent_back", "Lý do trả lại", "Sent back because"),
    ("task.history", "Diễn biến", "History"),
    ("task.accept", "Giao nhiệm vụ", "Assign"),
    ("task.created", "Đã giao nhiệm vụ", "Task assigned"),
    ("upd.progress", "Cập nhật tiến độ", "Progress"),
    ("upd.extension_request", "Xin gia hạn", "Extension asked"),
    (
        "upd.extension_approved",
        "Đồng ý gia hạn",
        "Extension approved",
    ),
    (
        "upd.extension_rejected",
        "Không đồng ý gia hạn",
        "Extension rejected",
    ),
    ("upd.complete", "Báo cáo hoàn thành", "Completion reported"),
    ("upd.accept", "Xác nhận hoàn thành", "Accepted"),
    ("upd.send_back", "Trả lại", "Sent back"),
    ("upd.create", "Giao nhiệm vụ", "Assigned"),
    (
        "report.make_draft",
        "Dự thảo báo cáo từ số liệu hiện tại",
        "Draft the report from live figures",
    ),
    (
        "report.draft_hint",
        "Số liệu (tỷ lệ học tập, kế hoạch, nhiệm vụ) được điền tự động; bạn chỉnh sửa phần nội dung rồi gửi lên cấp trên.",
        "Figures are filled in from live data; edit the text, then submit it upward.",
    ),
    ("report.draft", "Dự thảo", "Draft"),
    ("report.submitted", "Đã gửi", "Submitted"),
    ("report.sent_back", "Bị trả lại", "Sent back"),
    ("report.missing", "Chưa gửi", "Missing"),
    (
        "report.children",
        "Báo cáo của đơn vị trực thuộc (kỳ hiện tại)",
        "Reports of units below (current period)",
    ),
    (
        "report.no_children",
        "Không có đơn vị trực thuộc phải báo cáo.",
        "No units below owe a report.",
    ),
    ("report.submitted_at", "Ngày gửi", "Submitted on"),
    ("report.one", "Báo cáo", "Report"),
    ("report.period", "Kỳ báo cáo hạn", "Period due"),
    ("report.figures", "Số liệu", "Figures"),
    ("report.body", "Nội dung báo cáo", "Report text"),
    ("report.submit", "Gửi báo cáo lên cấp trên", "Submit upward"),
    ("fig.members", "Số đảng viên", "Members"),
    ("fig.attended", "Đã học tập", "Attended"),
    ("fig.coverage_pct", "Tỷ lệ học tập (%)", "Coverage (%)"),
    ("fig.coverage_target", "Chỉ tiêu (%)", "Target (%)"),
    (
        "fig.plans_expected",
        "Đơn vị phải ban hành kế hoạch",
        "Plans owed",
    ),
    ("fig.plans_on_time", "Kế hoạch đúng hạn", "Plans on time"),
    ("fig.plans_late", "Kế hoạch chậm", "Plans late"),
    (
        "fig.plans_missing",
        "Chưa ban hành kế hoạch",
        "Plans missing",
    ),
    ("fig.reports_expected", "Báo cáo phải gửi", "Reports owed"),
    ("fig.reports_in", "Báo cáo đã gửi", "Reports in"),
    ("insp.title", "Kiểm tra, giám sát", "Inspections"),
    ("insp.findings", "Kết quả kiểm tra", "Findings"),
    ("insp.record", "Ghi nhận kiểm tra", "Record inspection"),
    ("comm.title", "Biểu dương, khen thưởng", "Commendations"),
    (
        "comm.reason",
        "Mô hình, cách làm hay",
        "Good model or practice",
    ),
    ("comm.record", "Ghi nhận khen thưởng", "Record commendation"),
    ("session.new", "Tạo hội nghị học tập", "New study session"),
    ("session.none", "Chưa có hội nghị nào.", "No sessions yet."),
    ("session.title", "Tên hội nghị", "Title"),
    ("session.when", "Thời gian", "When"),
    ("session.mode", "Hình thức", "Mode"),
    ("session.attended", "Đã điểm danh", "Checked in"),
    ("session.campaign", "Thuộc đợt triển khai", "Campaign"),
    ("session.starts", "Bắt đầu", "Starts"),
    ("session.ends", "Kết thúc", "Ends"),
    ("session.venue", "Địa điểm", "Venue"),
    ("session.presenter", "Báo cáo viên", "Presenter"),
    ("session.groups", "Thành phần tham dự", "Participant groups"),
    (
        "session.groups_hint",
        "Mỗi dòng một nhóm, ví dụ: Ủy viên Ban Chấp hành",
        "One group per line",
    ),
    ("session.makeup_of", "Học bù cho hội nghị", "Make-up of"),
    ("session.bridges", "Điểm cầu", "Bridge points"),
    ("session.bridge", "Điểm cầu", "Bridge point"),
    ("session.expected", "Dự kiến", "Expected"),
    ("session.create", "Tạo hội nghị", "Create session"),
    ("session.organiser", "Đơn vị tổ chức", "Organiser"),
    ("session.qr", "Mã QR điểm danh", "Check-in QR code"),
    ("session.print", "In mã QR", "Print QR"),
    ("session.open", "Mở trang điểm danh", "Open check-in"),
    (
        "session.scan",
        "Quét mã bằng điện thoại để điểm danh",
        "Scan with your phone to check in",
    ),
    (
        "session.absentees",
        "Danh sách chưa học tập",
        "Not yet attended",
    ),
    (
        "session.absent_count",
        "đảng viên chưa học tập (cần học bù)",
        "members not yet attended (make-up needed)",
    ),
    ("member.code", "Mã đảng viên", "Member code"),
    ("member.name", "Họ và tên", "Full name"),
    ("mode.in_person", "Trực tiếp", "In person"),
    ("mode.online", "Trực tuyến", "Online"),
    (
        "mode.both",
        "Trực tiếp kết hợp trực tuyến",
        "In person and online",
    ),
    (
        "import.title",
        "Nhập danh sách tham dự",
        "Import attendance list",
    ),
    (
        "import.hint",
        "Tệp .xlsx hoặc .csv có dòng tiêu đề với cột \"Mã đảng viên\" (ví dụ DV123) hoặc \"Họ và tên\". Có lỗi ở bất kỳ dòng nào thì không dòng nào được nhập.",
        "An .xlsx or .csv file with a header row and a \"Mã đảng viên\" (e.g. DV123) or \"Họ và tên\" column. Any bad row rejects the whole file.",
    ),
    ("import.submit", "Nhập", "Import"),
    (
        "import.rejected",
        "Không nhập tệp: sửa các dòng sau rồi tải lại",
        "File not imported: fix these rows and upload again",
    ),
    ("import.row", "Dòng", "Row"),
    ("import.done", "Đã nhập danh sách", "List imported"),
    ("import.new", "lượt mới", "new"),
    ("import.dup", "đã điểm danh trước đó", "already checked in"),
    ("checkin.title", "Điểm danh", "Check in"),
    (
        "checkin.closed",
        "Ngoài thời gian điểm danh của hội nghị này.",
        "Check-in is closed for this session.",
    ),
    (
        "checkin.pick_unit",
        "Chọn đơn vị (chi bộ) của bạn:",
        "Choose your unit (cell):",
    ),
    ("checkin.find", "Tìm tên", "Find name"),
    ("checkin.submit", "Điểm danh", "Check in"),
    (
        "checkin.signin",
        "Hoặc đăng nhập để điểm danh",
        "Or sign in to check in",
    ),
    ("checkin.pick", "Hãy chọn tên của bạn", "Choose your name"),
    (
        "checkin.ok",
        "Điểm danh thành công. Cảm ơn đồng chí!",
        "Checked in. Thank you!",
    ),
    (
        "checkin.dup",
        "Đồng chí đã điểm danh hội nghị này rồi.",
        "You have already checked in to this session.",
    ),
    (
        "checkin.no_member",
        "Không tìm thấy đảng viên.",
        "Member not found.",
    ),
    (
        "checkin.not_you",
        "Chỉ được điểm danh cho chính mình.",
        "You may only check yourself in.",
    ),
    (
        "checkin.not_invited",
        "Đảng viên không thuộc đơn vị tham dự hội nghị này.",
        "This member is not in a unit invited to this session.",
    ),
    ("doc.upload", "Tải văn bản lên", "Upload a document"),
    (
        "doc.upload_hint",
        "Nhận tệp .txt, .html, .docx, .pdf (có lớp chữ), tối đa 10 MB; chữ TCVN3, VNI được tự chuyển.",
        "Accepts .txt, .html, .docx, .pdf (with a text layer), up to 10 MB; TCVN3 and VNI text is converted.",
    ),
    ("doc.file", "Tệp", "File"),
    ("doc.read", "Đọc văn bản", "Read the document"),
    (
        "doc.bad_type",
        "Chỉ nhận tệp .txt, .html, .docx, .pdf",
        "Only .txt, .html, .docx, .pdf files",
    ),
    (
        "doc.review",
        "Kiểm tra thông tin văn bản",
        "Review the document",
    ),
    (
        "doc.review_hint",
        "Bên trái là nguyên văn, phần được nhận diện được tô màu; bên phải là các trường đã trích xuất — sửa nếu cần rồi xác nhận.",
        "Left: the original with what was recognised highlighted; right: the extracted fields — correct them, then confirm.",
    ),
    ("doc.original", "Nguyên văn", "Original"),
    ("doc.understood", "Thông tin trích xuất", "Extracted"),
    ("doc.number", "Số, ký hiệu", "Number"),
    ("doc.type", "Loại văn bản", "Type"),
    ("doc.issuer", "Cơ quan ban hành", "Issuer"),
    ("doc.date", "Ngày ban hành", "Date"),
    ("doc.title", "Trích yếu", "Subject"),
    (
        "doc.implements",
        "Thực hiện văn bản (mỗi dòng một số)",
        "Carries out (one number per line)",
    ),
    ("doc.references", "Văn bản viện dẫn", "References"),
    (
        "doc.issuing_unit",
        "Đơn vị ban hành trong hệ thống",
        "Issuing unit",
    ),
    (
        "doc.outside",
        "Cơ quan ngoài hệ thống",
        "Body outside the tree",
    ),
    (
        "doc.tasks_found",
        "nhiệm vụ được nhận diện",
        "tasks recognised",
    ),
    ("doc.confirm", "Xác nhận và lưu", "Confirm and save"),
    ("doc.none", "Chưa có văn bản nào.", "No documents yet."),
    ("doc.signer", "Người ký", "Signer"),
    (
        "doc.cascade",
        "Vị trí trong chuỗi triển khai",
        "Place in the cascade",
    ),
    ("doc.implemented_by", "Được thực hiện bởi", "Carried out by"),
    (
        "doc.no_cascade",
        "Chưa liên kết với văn bản nào.",
        "Not linked to any document yet.",
    ),
    (
        "doc.missing_plans",
        "Đơn vị chưa có kế hoạch",
        "Units without a plan",
    ),
    (
        "doc.all_have_plans",
        "tất cả đã có kế hoạch",
        "all have a plan",
    ),
    (
        "doc.unresolved",
        "Viện dẫn chưa có trong hệ thống",
        "References not yet known",
    ),
    ("doc.unknown_yet", "chưa có trong hệ thống", "not known yet"),
    ("doc.sections", "Bố cục", "Sections"),
    (
        "doc.proposed",
        "Nhiệm vụ đề xuất từ văn bản",
        "Tasks proposed from the document",
    ),
    ("rel.implements", "Thực hiện", "Carries out"),
    ("rel.guides", "Hướng dẫn", "Guides"),
    ("rel.replaces", "Thay thế", "Replaces"),
    ("rel.cites", "Viện dẫn", "Cites"),
    (
        "campaign.start",
        "Bắt đầu đợt triển khai",
        "Start a campaign",
    ),
    ("campaign.name", "Đợt triển khai", "Campaign"),
    ("campaign.default_name", "Triển khai", "Rollout of"),
    ("campaign.scope", "Phạm vi", "Scope"),
    (
        "campaign.target",
        "Chỉ tiêu tỷ lệ học tập (%)",
        "Coverage target (%)",
    ),
    ("campaign.period", "Kỳ báo cáo", "Report period"),
    (
        "campaign.first_report",
        "Hạn báo cáo đầu tiên",
        "First report due",
    ),
    ("campaign.create", "Bắt đầu", "Start"),
    ("recur.monthly", "Hằng tháng", "Monthly"),
    ("recur.quarterly", "Hằng quý", "Quarterly"),
    ("recur.half_yearly", "6 tháng", "Half-yearly"),
    ("recur.yearly", "Hằng năm", "Yearly"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_falls_back_to_vietnamese_and_unknown_keys_show() {
        assert_eq!(Lang::En.t("nav.tasks"), "Tasks");
        assert_eq!(Lang::Vi.t("nav.tasks"), "Nhiệm vụ");
        assert_eq!(Lang::En.t("app.name"), "Triển khai");
        assert_eq!(Lang::Vi.t("no.such.key"), "⟨?⟩");
    }

    #[test]
    fn cookie_selects_language() {
        let mut h = HeaderMap::new();
        assert_eq!(Lang::from_headers(&h), Lang::Vi);
        h.insert(axum::http::header::COOKIE, "a=b; lang=en".parse().unwrap());
        assert_eq!(Lang::from_headers(&h), Lang::En);
    }
}
