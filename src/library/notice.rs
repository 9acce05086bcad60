//! What the library tells the user, in Vietnamese and English: why an
//! action on an entry failed ([`LibraryError`]), and the notices the app
//! shows after a save, at start or when another tab changed something
//! ([`Notice`]).

use std::fmt;

use super::entry::Damaged;
use super::store::StoreError;
use crate::codec::DecodeError;
use crate::engine::Lang;

/// Why an action on an entry (open, rename, duplicate, export, import) failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LibraryError {
    /// No such entry (another tab may have deleted it).
    Missing,
    /// The entry cannot be read.
    Damaged(DecodeError),
    /// A file to import cannot be read.
    File(DecodeError),
    /// The store refused the write; nothing changed.
    Refused(StoreError),
    /// A name cannot be blank.
    BlankName,
}

/// Something the app should tell the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A link opened beside the user's work (`saved` entries, unchanged).
    LinkOpened { saved: usize },
    /// The link's session, edited, is saved as a new entry.
    LinkSaved { name: String },
    /// Another tab changed this tab's session: this tab's work went to a new entry.
    Forked { name: String },
    /// Another tab deleted this tab's session: this tab's work went to a new entry.
    Recreated { name: String },
    /// Another tab changed this tab's session, and this tab now shows it.
    ChangedElsewhere,
    /// Another tab deleted this tab's session.
    DeletedElsewhere,
    /// The store refused a save: the tab works on, the work is not stored.
    Refused(StoreError),
    /// An entry that cannot be read was skipped.
    Damaged(Damaged),
    /// The session saved by an earlier release cannot be read (it is kept).
    OldUnreadable(DecodeError),
}

impl StoreError {
    /// What happened, to follow "could not save:".
    pub fn message(self, lang: Lang) -> String {
        match self {
            StoreError::Full => lang.pick("bộ nhớ của trình duyệt đã đầy", "the browser's storage is full"),
            StoreError::Unavailable => lang.pick(
                "trình duyệt chặn hoặc không cho trang này lưu dữ liệu",
                "the browser blocks storage for this page or has none",
            ),
        }
        .into()
    }
}

impl LibraryError {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (LibraryError::Missing, _) => lang
                .pick(
                    "Không còn phiên này (có thể đã bị xoá ở một tab khác).",
                    "This session is gone (it may have been deleted in another tab).",
                )
                .into(),
            (LibraryError::Damaged(e), Lang::Vi) => format!("Không mở được phiên này: dữ liệu {}.", e.message(lang)),
            (LibraryError::Damaged(e), Lang::En) => {
                format!("Could not open this session: its data {}.", e.message(lang))
            }
            (LibraryError::File(e), Lang::Vi) => format!("Không nhập được tệp: tệp {}.", e.message(lang)),
            (LibraryError::File(e), Lang::En) => format!("Could not import the file: it {}.", e.message(lang)),
            (LibraryError::Refused(e), Lang::Vi) => {
                format!("Không lưu được ({}); những gì đã lưu không thay đổi.", e.message(lang))
            }
            (LibraryError::Refused(e), Lang::En) => {
                format!("Could not save ({}); what was saved is unchanged.", e.message(lang))
            }
            (LibraryError::BlankName, _) => {
                lang.pick("Tên phiên không được để trống.", "A session needs a name.").into()
            }
        }
    }
}

impl Notice {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Notice::LinkOpened { saved: 0 }, _) => lang
                .pick(
                    "Đang xem phiên mở từ đường liên kết: phiên này chỉ được lưu (thành phiên mới) khi bạn sửa nó.",
                    "You are viewing a session opened from a link: it is saved, as a new session, only if you edit it.",
                )
                .into(),
            (Notice::LinkOpened { saved }, Lang::Vi) => format!(
                "Đang xem phiên mở từ đường liên kết. Công việc của bạn ({saved} phiên) vẫn nguyên trong \
                 “Phiên làm việc đã lưu”; phiên này chỉ được lưu (thành phiên mới) khi bạn sửa nó."
            ),
            (Notice::LinkOpened { saved }, Lang::En) => format!(
                "You are viewing a session opened from a link. Your own work ({saved} {}) is unchanged under \
                 “Saved sessions”; this one is saved, as a new session, only if you edit it.",
                if *saved == 1 { "session" } else { "sessions" }
            ),
            (Notice::LinkSaved { name }, Lang::Vi) => format!(
                "Phiên từ đường liên kết đã được lưu thành phiên mới “{name}”; các phiên khác của bạn không thay đổi."
            ),
            (Notice::LinkSaved { name }, Lang::En) => {
                format!("The link's session is saved as a new session, “{name}”; your other sessions are unchanged.")
            }
            (Notice::Forked { name }, Lang::Vi) => format!(
                "Phiên này vừa được sửa ở một tab khác: để không ghi đè lên đó, thay đổi của tab này được lưu \
                 thành phiên mới “{name}”."
            ),
            (Notice::Forked { name }, Lang::En) => format!(
                "This session was changed in another tab: so as not to overwrite it, this tab's changes are saved \
                 as a new session, “{name}”."
            ),
            (Notice::Recreated { name }, Lang::Vi) => {
                format!("Phiên này đã bị xoá ở một tab khác: thay đổi của tab này được lưu thành phiên mới “{name}”.")
            }
            (Notice::Recreated { name }, Lang::En) => {
                format!(
                    "This session was deleted in another tab: this tab's changes are saved as a new session, “{name}”."
                )
            }
            (Notice::ChangedElsewhere, _) => lang
                .pick(
                    "Phiên này vừa được sửa ở một tab khác: đang hiển thị bản mới nhất.",
                    "This session was changed in another tab: showing the latest version.",
                )
                .into(),
            (Notice::DeletedElsewhere, _) => lang
                .pick(
                    "Phiên này đã bị xoá ở một tab khác; nếu bạn sửa tiếp, nó sẽ được lưu thành phiên mới.",
                    "This session was deleted in another tab; if you keep editing, it is saved as a new session.",
                )
                .into(),
            (Notice::Refused(e), Lang::Vi) => format!(
                "Không lưu được vào trình duyệt ({}): trang vẫn dùng được và những gì đã lưu không bị ảnh hưởng, \
                 nhưng thay đổi mới chưa được lưu. Hãy dùng “Xuất tệp kịch bản” để giữ công việc thành tệp.",
                e.message(lang)
            ),
            (Notice::Refused(e), Lang::En) => format!(
                "Could not save in the browser ({}): the page still works and what was saved is intact, but new \
                 changes are not saved. Use “Export scenarios” to keep your work as a file.",
                e.message(lang)
            ),
            (Notice::Damaged(d), Lang::Vi) => format!(
                "Đã bỏ qua phiên đã lưu “{}”: dữ liệu {}. Các phiên khác vẫn mở được.",
                d.name.as_deref().unwrap_or(&d.key),
                d.error.message(lang)
            ),
            (Notice::Damaged(d), Lang::En) => format!(
                "Skipped the saved session “{}”: its data {}. The other sessions open as usual.",
                d.name.as_deref().unwrap_or(&d.key),
                d.error.message(lang)
            ),
            (Notice::OldUnreadable(e), Lang::Vi) => format!(
                "Không chuyển được phiên làm việc do phiên bản trước lưu: dữ liệu {}. Dữ liệu cũ vẫn được giữ nguyên.",
                e.message(lang)
            ),
            (Notice::OldUnreadable(e), Lang::En) => format!(
                "Could not move the session saved by the earlier version: its data {}. The old data is kept as it was.",
                e.message(lang)
            ),
        }
    }
}

impl fmt::Display for LibraryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}
