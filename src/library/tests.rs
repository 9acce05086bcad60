//! The library over a store in memory: entries, old releases' data, damaged
//! data, two tabs, links and a full store.
use super::*;
use crate::codec::DecodeError;
use crate::session::Action;

fn cat() -> Catalog {
    Catalog::default()
}

/// A new scenario named `name` in `s`, as a user would add it.
fn add_plan(s: &mut Session, name: &str) {
    s.apply(Action::NewScenario);
    let index = s.scenarios.len() - 1;
    s.apply(Action::RenameScenario { index, name: name.into() });
}

fn plans(s: &Session) -> Vec<&str> {
    s.scenarios.iter().map(|sc| sc.name.as_str()).collect()
}

/// Every readable entry's session, the most recent first.
fn sessions(store: &MemoryStore) -> Vec<(Meta, Session)> {
    let mut reader = Library::new("reader");
    list(store, &cat())
        .entries
        .into_iter()
        .map(|m| (m.clone(), reader.open(store, &m.id, &cat()).unwrap().session))
        .collect()
}

fn lao_cai() -> Session {
    let mut s = Session::default();
    s.apply(Action::ChooseUnit("H38".into()));
    s
}

// As the first release stored it (src/codec/tests.rs).
const V1: &str = r#"{"v":1,"l":"vi","p":"portal-2026","t":"provinces-2026-10-10","u":"H38","c":{"dossiers_overdue":"0"},"rm":["4.6"],"gm":["ONLINE","TTTT"],"tg":{"k":"r","v":"5","l":["2.1"]}}"#;
// As version 2 stored Lào Cai (src/codec/upgrade.rs).
const V2: &str = r#"{"format":"vn766","version":2,"lang":"vi","profile":"portal-2026","table":"provinces-2026-10-10","unit":"H38","selected":0,
  "scenarios":[{"name":"Kịch bản 1","counts":{"dossiers_received":"280591","dossiers_submitted_online":"1000","procedures_online":"40"},
    "given":{"ONLINE":"8,44","TTTT":"6,45","MDSH":"11"},"given_mode":["ONLINE","TTTT","MDSH"]}]}"#;

#[test]
fn entries_are_added_renamed_duplicated_deleted_and_listed_by_time() {
    let store = MemoryStore::new();
    let mut lib = Library::new("a1");
    let first = Session::default();
    let m1 = lib.add(&store, &first, &default_name(&first, "01/12/2026"), 1_000).unwrap();
    let m2 = lib.add(&store, &lao_cai(), &default_name(&lao_cai(), "02/12/2026"), 2_000).unwrap();
    assert_eq!(m1.name, "UBND tỉnh Đồng Tháp · 01/12/2026");
    assert_eq!((m1.id.as_str(), m2.id.as_str()), ("a1-1", "a1-2"));
    assert!(store.items().contains_key("vn766.s.a1-1"), "one key per entry");
    assert_eq!(list(&store, &cat()).entries, vec![m2.clone(), m1.clone()], "the most recent first");
    assert_eq!(list(&store, &cat()).most_recent(), Some(&m2));
    assert_eq!(lib.open_id(), None, "adding does not open");

    let renamed = rename(&store, &m1.id, "  Kế hoạch quý 4 ").unwrap();
    assert_eq!(renamed, Meta { name: "Kế hoạch quý 4".into(), ..m1.clone() }, "time and revision stay");
    assert_eq!(rename(&store, &m1.id, " "), Err(LibraryError::BlankName));
    assert_eq!(rename(&store, "nope", "x"), Err(LibraryError::Missing));
    assert_eq!(rename(&store, &m1.id, &"x".repeat(100)).unwrap().name.chars().count(), MAX_ENTRY_NAME);
    rename(&store, &m1.id, "Kế hoạch quý 4").unwrap();

    let copy = lib.duplicate(&store, &m1.id, Lang::Vi, 3_000).unwrap();
    assert_eq!(copy.name, "Kế hoạch quý 4 (bản sao)");
    assert_ne!(copy.id, m1.id);
    assert_eq!(lib.duplicate(&store, &copy.id, Lang::En, 3_500).unwrap().name, "Kế hoạch quý 4 (bản sao) (copy)");
    let all = sessions(&store);
    assert_eq!(all[1].0, copy);
    assert_eq!(all[1].1, first, "a copy holds the same work");

    lib.delete(&store, &m2.id);
    assert!(!store.items().contains_key("vn766.s.a1-2"));
    let names: Vec<String> = list(&store, &cat()).entries.into_iter().map(|m| m.name).collect();
    assert_eq!(names, ["Kế hoạch quý 4 (bản sao) (copy)", "Kế hoạch quý 4 (bản sao)", "Kế hoạch quý 4"]);
    assert_eq!(lib.open(&store, &m2.id, &cat()), Err(LibraryError::Missing));
}

#[test]
fn export_and_import_round_trip() {
    let store = MemoryStore::new();
    let mut lib = Library::new("t");
    let mut s = lao_cai();
    s.apply(Action::SetLang(Lang::En));
    s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "12".into() });
    add_plan(&mut s, "Plan B");
    s.apply(Action::ReplaceHistory(crate::history::History::example(s.method())));
    let meta = lib.add(&store, &s, "Lào Cai", 1).unwrap();
    let file = export(&store, &meta.id, &cat()).unwrap();
    assert_eq!(file, codec::to_json(&s), "the export is the codec's file");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(file.as_bytes());
    let imported = lib.import(&store, &bytes, "Từ tệp", 2, &cat()).unwrap();
    assert_eq!(imported.name, "Từ tệp");
    assert_eq!(lib.open(&store, &imported.id, &cat()).unwrap().session, s);
    assert_eq!(lib.open_id(), Some(imported.id.as_str()));

    let before = store.items();
    assert!(matches!(lib.import(&store, b"{\"format\":\"other\"}", "x", 3, &cat()), Err(LibraryError::File(_))));
    assert_eq!(store.items(), before, "a bad file stores nothing");
    assert_eq!(export(&store, "gone", &cat()), Err(LibraryError::Missing));
}

#[test]
fn sessions_of_the_earlier_releases_are_moved_in() {
    let v3 = {
        let mut s = lao_cai();
        add_plan(&mut s, "Phương án A");
        codec::to_json(&s)
    };
    for (version, old) in [("v1", V1), ("v2", V2), ("v3", v3.as_str())] {
        let store = MemoryStore::new();
        let mut lib = Library::new("m");
        assert_eq!(lib.migrate(&store, &cat(), 5, "02/12/2026"), None, "{version}: nothing to move");
        store.set(OLD_KEY, old).unwrap();
        let Some(Migration::Moved(meta)) = lib.migrate(&store, &cat(), 5, "02/12/2026") else { panic!("{version}") };
        assert_eq!(meta.name, "UBND tỉnh Lào Cai · 02/12/2026", "{version}");
        assert_eq!(store.get(OLD_KEY), None, "{version}: the old key goes once the copy is written");
        let opened = lib.open_recent(&store, &cat()).unwrap();
        assert_eq!(opened.meta, meta);
        assert_eq!(opened.session, codec::from_json(old, &cat()).unwrap(), "{version}: read as the codec reads it");
        // Another tab that raced to move the same session adds no second entry.
        store.set(OLD_KEY, old).unwrap();
        assert_eq!(Library::new("m2").migrate(&store, &cat(), 6, ""), Some(Migration::Moved(meta)));
        assert_eq!((list(&store, &cat()).entries.len(), store.get(OLD_KEY)), (1, None), "{version}");
    }
    // The first release's one draft, upgraded.
    let store = MemoryStore::new();
    store.set(OLD_KEY, V1).unwrap();
    Library::new("m").migrate(&store, &cat(), 5, "").unwrap();
    let s = &sessions(&store)[0].1;
    assert_eq!(plans(s), ["Kịch bản 1"]);
    assert_eq!(s.draft().counts["dossiers_overdue"], "0");
    assert_eq!((s.targets.kind, s.targets.value.as_str()), (crate::session::GoalKind::Rank, "5"));
}

#[test]
fn an_unreadable_or_refused_old_session_is_kept() {
    let store = MemoryStore::new();
    let truncated = &V1[..40];
    store.set(OLD_KEY, truncated).unwrap();
    let mut lib = Library::new("m");
    let m = lib.migrate(&store, &cat(), 5, "").unwrap();
    assert!(matches!(&m, Migration::Unreadable(DecodeError::Corrupt(_))), "{m:?}");
    assert!(m.notice().unwrap().message(Lang::Vi).contains("vẫn được giữ nguyên"));
    assert_eq!(store.items().into_iter().collect::<Vec<_>>(), [(OLD_KEY.to_string(), truncated.to_string())]);

    store.set(OLD_KEY, V2).unwrap();
    store.refuse_writes(Some(StoreError::Full));
    assert_eq!(lib.migrate(&store, &cat(), 5, ""), Some(Migration::Refused(StoreError::Full)));
    assert_eq!(store.items().into_iter().collect::<Vec<_>>(), [(OLD_KEY.to_string(), V2.to_string())]);
}

#[test]
fn entries_holding_older_versions_are_upgraded_when_read() {
    let store = MemoryStore::new();
    for (id, old) in [("one", V1), ("two", V2)] {
        let session: serde_json::Value = serde_json::from_str(old).unwrap();
        let envelope = serde_json::json!({ "id": id, "name": id, "changed": 1, "rev": 1, "session": session });
        store.set(&format!("{PREFIX}{id}"), &envelope.to_string()).unwrap();
    }
    let mut lib = Library::new("u");
    let two = lib.open(&store, "two", &cat()).unwrap().session;
    assert!(!two.draft().given_mode.contains("ONLINE") && two.draft().given_mode.contains("MDSH"));
    assert_eq!(two.draft().counts["dossiers_channel_online"], "1000");
    let one = lib.open(&store, "one", &cat()).unwrap().session;
    assert_eq!(one, codec::from_json(V1, &cat()).unwrap());
    assert_eq!(list(&store, &cat()).damaged, []);
}

#[test]
fn a_damaged_entry_is_skipped_beside_good_ones() {
    let store = MemoryStore::new();
    let mut lib = Library::new("d");
    let a = lib.add(&store, &Session::default(), "A", 1_000).unwrap();
    let b = lib.add(&store, &lao_cai(), "B", 3_000).unwrap();
    let good = serde_json::from_str::<serde_json::Value>(&codec::to_json(&lao_cai())).unwrap();
    let mut newer = good.clone();
    newer["version"] = 9.into();
    let mut unknown = good;
    unknown["unit"] = "H99".into();
    let envelope = |name: &str, session| {
        serde_json::json!({ "id": name, "name": name, "changed": 9_000, "rev": 1, "session": session }).to_string()
    };
    store.set("vn766.s.broken", "{\"id\":\"broken\",\"name\":").unwrap();
    store.set("vn766.s.newer", &envelope("Newer", newer)).unwrap();
    store.set("vn766.s.unknown", &envelope("Unknown", unknown)).unwrap();
    store.set("vn766.s.", "not an entry").unwrap();
    store.set("vn766.tables", "[]").unwrap();

    let listing = list(&store, &cat());
    assert_eq!(listing.entries, [b.clone(), a], "the good ones, none hidden");
    let damaged: Vec<(&str, Option<&str>, &DecodeError)> =
        listing.damaged.iter().map(|d| (d.key.as_str(), d.name.as_deref(), &d.error)).collect();
    assert!(matches!(damaged[0], ("vn766.s.broken", None, DecodeError::Corrupt(_))), "{damaged:?}");
    assert_eq!(damaged[1], ("vn766.s.newer", Some("Newer"), &DecodeError::NewerVersion(9)));
    assert_eq!(damaged[2], ("vn766.s.unknown", Some("Unknown"), &DecodeError::UnknownUnit("H99".into())));
    assert_eq!(damaged.len(), 3);
    let notice = Notice::Damaged(listing.damaged[0].clone());
    assert!(notice.message(Lang::Vi).contains("“vn766.s.broken”"), "{}", notice.message(Lang::Vi));
    assert!(Notice::Damaged(listing.damaged[1].clone())
        .message(Lang::En)
        .contains("Skipped the saved session “Newer”"));

    // The damaged ones are more recent, yet the good one opens.
    assert_eq!(lib.open_recent(&store, &cat()).unwrap().meta, b);
    assert!(matches!(lib.open(&store, "broken", &cat()), Err(LibraryError::Damaged(_))));
    assert!(matches!(export(&store, "newer", &cat()), Err(LibraryError::Damaged(DecodeError::NewerVersion(9)))));
    assert!(store.items().contains_key("vn766.s.broken"), "skipped, not removed");
}

/// Two tabs open the same saved session; each adds a scenario and saves
/// (as when each is closed), in the order given.
/// What each tab's save returned, in the order of saving.
type Saves = [Result<Saved, Refused>; 2];

fn two_tabs_on_one_session(first: usize) -> (Vec<(Meta, Session)>, Saves) {
    let store = MemoryStore::new();
    let start = Session::default();
    let original = Library::new("old").add(&store, &start, "Đồng Tháp", 1_000).unwrap();
    let mut tabs = [Library::new("tab1"), Library::new("tab2")];
    let mut work = [Session::default(), Session::default()];
    for (tab, s) in tabs.iter_mut().zip(&mut work) {
        *s = tab.open_recent(&store, &cat()).unwrap().session;
        assert_eq!(tab.open_id(), Some(original.id.as_str()));
        assert_eq!(tab.save(&store, s, 1_500), Ok(Saved::Unchanged), "showing it writes nothing");
    }
    add_plan(&mut work[0], "Tab one plan");
    add_plan(&mut work[1], "Tab two plan");
    let second = 1 - first;
    let a = tabs[first].save(&store, &work[first], 2_000);
    let b = tabs[second].save(&store, &work[second], 3_000);
    // The tab that forked goes on saving into its own entry.
    add_plan(&mut work[second], "More");
    assert!(matches!(tabs[second].save(&store, &work[second], 4_000), Ok(Saved::Written(_))));
    (sessions(&store), [a, b])
}

#[test]
fn two_tabs_on_one_session_keep_both_works_in_either_order() {
    for first in [0, 1] {
        let (entries, [a, b]) = two_tabs_on_one_session(first);
        assert!(matches!(a, Ok(Saved::Written(Meta { rev: 2, .. }))), "{a:?}");
        let Ok(Saved::Forked(fork)) = &b else { panic!("{b:?}") };
        assert_eq!(fork.name, "Đồng Tháp (tab khác)");
        assert!(b.clone().unwrap().notice().unwrap().message(Lang::Vi).contains("“Đồng Tháp (tab khác)”"));
        // Reopened: both works are there, each in its own entry.
        assert_eq!(entries.len(), 2);
        let ones: Vec<_> = entries.iter().filter(|(_, s)| plans(s).contains(&"Tab one plan")).collect();
        let twos: Vec<_> = entries.iter().filter(|(_, s)| plans(s).contains(&"Tab two plan")).collect();
        assert_eq!((ones.len(), twos.len()), (1, 1), "{first}");
        assert_ne!(ones[0].0.id, twos[0].0.id);
        let forked = if first == 0 { twos[0] } else { ones[0] };
        assert_eq!(forked.0.id, fork.id);
        assert_eq!(plans(&forked.1).last(), Some(&"More"));
        assert_eq!(entries[0].0.id, fork.id, "the latest work is the most recent");
    }
}

#[test]
fn two_fresh_tabs_each_keep_their_work() {
    let store = MemoryStore::new();
    let mut tabs = [Library::new("x1"), Library::new("x2")];
    let mut work = [Session::default(), Session::default()];
    for (tab, s) in tabs.iter_mut().zip(&work) {
        tab.start_new(s, &default_name(s, "02/12/2026"));
        assert_eq!(tab.save(&store, s, 1), Ok(Saved::Unchanged));
    }
    assert!(store.items().is_empty(), "an untouched view is not stored");
    add_plan(&mut work[0], "Tab one plan");
    add_plan(&mut work[1], "Tab two plan");
    for (tab, s) in tabs.iter_mut().zip(&work).rev() {
        assert!(matches!(tab.save(&store, s, 2), Ok(Saved::Created(_))));
    }
    let entries = sessions(&store);
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().any(|(_, s)| plans(s).contains(&"Tab one plan")));
    assert!(entries.iter().any(|(_, s)| plans(s).contains(&"Tab two plan")));
}

#[test]
fn a_tab_follows_another_tabs_save_renames_and_deletes() {
    let store = MemoryStore::new();
    let id = Library::new("o").add(&store, &Session::default(), "Đồng Tháp", 1).unwrap().id;
    let other = Library::new("o").add(&store, &lao_cai(), "Lào Cai", 1).unwrap().id;
    let (mut a, mut b) = (Library::new("a"), Library::new("b"));
    let mut sa = a.open(&store, &id, &cat()).unwrap().session;
    b.open(&store, &id, &cat()).unwrap();
    add_plan(&mut sa, "Tab one plan");
    a.save(&store, &sa, 2).unwrap();

    let key = format!("{PREFIX}{id}");
    assert_eq!(b.changed_elsewhere(&store, Some("vn766.tables"), &cat()), Elsewhere::Unrelated);
    assert_eq!(b.changed_elsewhere(&store, Some(&format!("{PREFIX}{other}")), &cat()), Elsewhere::ListChanged);
    let Elsewhere::Newer(newer) = b.changed_elsewhere(&store, Some(&key), &cat()) else { panic!() };
    assert_eq!(b.changed_elsewhere(&store, None, &cat()), Elsewhere::Newer(newer.clone()), "a cleared store");
    // No edits waiting in this tab: it shows the newer one and edits on.
    b.follow(&newer);
    let mut sb = newer.session;
    assert_eq!(b.save(&store, &sb, 3), Ok(Saved::Unchanged));
    add_plan(&mut sb, "Tab two plan");
    assert!(matches!(b.save(&store, &sb, 3), Ok(Saved::Written(Meta { rev: 3, .. }))));
    assert_eq!(
        plans(&sessions(&store).iter().find(|(m, _)| m.id == id).unwrap().1)[1..],
        ["Tab one plan", "Tab two plan"]
    );

    // A rename in one tab is kept by the other's next save, without a fork.
    a.open(&store, &id, &cat()).unwrap();
    rename(&store, &id, "Kế hoạch").unwrap();
    assert_eq!(b.changed_elsewhere(&store, Some(&key), &cat()), Elsewhere::ListChanged);
    add_plan(&mut sb, "Three");
    let Ok(Saved::Written(m)) = b.save(&store, &sb, 4) else { panic!() };
    assert_eq!((m.id.as_str(), m.name.as_str()), (id.as_str(), "Kế hoạch"));

    // Deleted in one tab: the other's next edit is saved as a new entry.
    a.delete(&store, &id);
    assert_eq!(a.open_id(), None);
    assert_eq!(b.changed_elsewhere(&store, Some(&key), &cat()), Elsewhere::Deleted);
    assert_eq!(b.save(&store, &sb, 5), Ok(Saved::Unchanged), "no edit: it stays deleted");
    assert_eq!(list(&store, &cat()).entries.len(), 1);
    add_plan(&mut sb, "Four");
    let Ok(Saved::Recreated(m)) = b.save(&store, &sb, 6) else { panic!() };
    assert_eq!(m.name, "Kế hoạch");
    assert_ne!(m.id, id);
}

#[test]
fn a_link_opens_beside_saved_work() {
    let store = MemoryStore::new();
    let mut lib = Library::new("l");
    lib.add(&store, &Session::default(), "Việc của tôi", 1).unwrap();
    lib.add(&store, &lao_cai(), "Việc khác", 2).unwrap();
    let saved = store.items();

    let mut shared = lao_cai();
    shared.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "0".into() });
    let (mut linked, _) = codec::from_link(&codec::to_link(&shared), &cat()).unwrap();
    lib.open_link(&linked, &default_name(&linked, "02/12/2026"));
    let notice = Notice::LinkOpened { saved: list(&store, &cat()).entries.len() };
    assert!(
        notice.message(Lang::Vi).contains("(2 phiên)") && notice.message(Lang::Vi).contains("Phiên làm việc đã lưu")
    );
    assert_eq!(lib.open_id(), None);
    assert_eq!(lib.save(&store, &linked, 10), Ok(Saved::Unchanged));
    assert_eq!(store.items(), saved, "viewing a link changes nothing stored");

    linked.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "5".into() });
    let Ok(saved_link) = lib.save(&store, &linked, 11) else { panic!() };
    let Saved::LinkSaved(meta) = &saved_link else { panic!("{saved_link:?}") };
    assert_eq!(meta.name, "UBND tỉnh Lào Cai · 02/12/2026");
    assert_eq!(saved_link.notice(), Some(Notice::LinkSaved { name: meta.name.clone() }));
    let now = store.items();
    assert_eq!(now.len(), 3);
    assert!(saved.iter().all(|(k, v)| now.get(k) == Some(v)), "the user's entries are untouched");
    linked.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "6".into() });
    assert!(matches!(lib.save(&store, &linked, 12), Ok(Saved::Written(_))), "then it is an entry like the others");
    assert_eq!(list(&store, &cat()).entries.len(), 3);
}

#[test]
fn a_full_store_refuses_writes_and_damages_nothing() {
    let store = MemoryStore::new();
    let mut lib = Library::new("f");
    let id = lib.add(&store, &Session::default(), "Đồng Tháp", 1).unwrap().id;
    let mut s = lib.open(&store, &id, &cat()).unwrap().session;
    let before = store.items();
    store.refuse_writes(Some(StoreError::Full));

    add_plan(&mut s, "Unsaved one");
    let refused = lib.save(&store, &s, 2).unwrap_err();
    assert_eq!(refused, Refused { error: StoreError::Full, first: true });
    assert_eq!(refused.notice(), Some(Notice::Refused(StoreError::Full)));
    assert!(refused.notice().unwrap().message(Lang::Vi).contains("Lưu thành tệp"));
    add_plan(&mut s, "Unsaved two");
    let again = lib.save(&store, &s, 3).unwrap_err();
    assert_eq!((again.first, again.notice()), (false, None), "said once");
    assert_eq!(lib.duplicate(&store, &id, Lang::Vi, 3), Err(LibraryError::Refused(StoreError::Full)));
    assert_eq!(rename(&store, &id, "x"), Err(LibraryError::Refused(StoreError::Full)));
    let mut fresh = Library::new("g");
    fresh.start_new(&Session::default(), "Mới");
    let mut t = Session::default();
    add_plan(&mut t, "x");
    assert!(fresh.save(&store, &t, 4).unwrap_err().first);
    assert_eq!(fresh.open_id(), None);
    assert_eq!(store.items(), before, "nothing stored changed");

    // Room again: the work of this tab is saved, and a later refusal is said again.
    store.refuse_writes(None);
    assert!(matches!(lib.save(&store, &s, 5), Ok(Saved::Written(Meta { rev: 2, .. }))));
    assert_eq!(plans(&lib.open(&store, &id, &cat()).unwrap().session)[1..], ["Unsaved one", "Unsaved two"]);
    store.refuse_writes(Some(StoreError::Unavailable));
    add_plan(&mut s, "Three");
    assert_eq!(lib.save(&store, &s, 6), Err(Refused { error: StoreError::Unavailable, first: true }));
}

#[test]
fn the_same_edit_in_two_tabs_is_not_kept_twice() {
    let store = MemoryStore::new();
    let id = Library::new("o").add(&store, &Session::default(), "Đồng Tháp", 1).unwrap().id;
    let (mut a, mut b) = (Library::new("a"), Library::new("b"));
    let mut sa = a.open(&store, &id, &cat()).unwrap().session;
    let mut sb = b.open(&store, &id, &cat()).unwrap().session;
    add_plan(&mut sa, "Same plan");
    add_plan(&mut sb, "Same plan");
    assert!(matches!(a.save(&store, &sa, 2), Ok(Saved::Written(_))));
    assert_eq!(b.save(&store, &sb, 3), Ok(Saved::Unchanged));
    add_plan(&mut sb, "Then more");
    assert!(matches!(b.save(&store, &sb, 4), Ok(Saved::Written(Meta { rev: 3, .. }))), "b is at a's revision");
    assert_eq!(list(&store, &cat()).entries.len(), 1);
}

#[test]
fn a_forking_save_refused_changes_nothing() {
    let store = MemoryStore::new();
    let id = Library::new("o").add(&store, &Session::default(), "Đồng Tháp", 1).unwrap().id;
    let (mut a, mut b) = (Library::new("a"), Library::new("b"));
    let mut sa = a.open(&store, &id, &cat()).unwrap().session;
    let mut sb = b.open(&store, &id, &cat()).unwrap().session;
    add_plan(&mut sa, "Tab one plan");
    a.save(&store, &sa, 2).unwrap();
    let before = store.items();
    store.refuse_writes(Some(StoreError::Full));
    add_plan(&mut sb, "Tab two plan");
    assert!(b.save(&store, &sb, 3).is_err());
    assert_eq!(store.items(), before);
    assert_eq!(b.open_id(), Some(id.as_str()), "still on the entry: the next save tries again");
    store.refuse_writes(None);
    assert!(matches!(b.save(&store, &sb, 4), Ok(Saved::Forked(_))));
}

#[test]
fn ids_are_unique_across_tabs() {
    let store = MemoryStore::new();
    let s = Session::default();
    let mut a = Library::new("k7/ x!");
    let mut b = Library::new("k8");
    let ida = a.add(&store, &s, "a", 1).unwrap().id;
    let idb = b.add(&store, &s, "b", 1).unwrap().id;
    assert_eq!((ida.as_str(), idb.as_str()), ("k7x-1", "k8-1"));
    // Even with the same token, an id in use is never taken again.
    let mut c = Library::new("k8");
    assert_eq!(c.add(&store, &s, "c", 1).unwrap().id, "k8-2");
    assert_eq!(Library::new("").add(&store, &s, "d", 1).unwrap().id, "tab-1");
    assert_eq!(list(&store, &cat()).entries.len(), 4);
}

#[test]
fn names() {
    let mut s = Session::default();
    assert_eq!(default_name(&s, ""), "UBND tỉnh Đồng Tháp");
    s.apply(Action::StartBlank);
    assert_eq!(default_name(&s, " 2/12/2026 "), "Số liệu tự nhập · 2/12/2026");
    s.apply(Action::SetLang(Lang::En));
    assert_eq!(default_name(&s, ""), "Own figures");
    assert_eq!(entry::fork_name("Lào Cai (tab khác)", Lang::En), "Lào Cai (other tab)", "not stacked");
    let long = entry::fork_name(&"x".repeat(200), Lang::Vi);
    assert!(long.ends_with(" (tab khác)") && long.chars().count() == MAX_ENTRY_NAME);
}

#[test]
fn every_message_reads_in_both_languages() {
    let damaged = Damaged { key: "vn766.s.k".into(), name: None, error: DecodeError::TooLong };
    let notices = [
        Notice::LinkOpened { saved: 0 },
        Notice::LinkOpened { saved: 1 },
        Notice::LinkSaved { name: "n".into() },
        Notice::Forked { name: "n".into() },
        Notice::Recreated { name: "n".into() },
        Notice::ChangedElsewhere,
        Notice::DeletedElsewhere,
        Notice::Refused(StoreError::Full),
        Notice::Refused(StoreError::Unavailable),
        Notice::Damaged(damaged),
        Notice::OldUnreadable(DecodeError::NotOurs),
    ];
    let errors = [
        LibraryError::Missing,
        LibraryError::Damaged(DecodeError::TooLong),
        LibraryError::File(DecodeError::NotOurs),
        LibraryError::Refused(StoreError::Full),
        LibraryError::BlankName,
    ];
    let texts = notices.iter().map(|n| (n.message(Lang::Vi), n.message(Lang::En)));
    for (vi, en) in texts.chain(errors.iter().map(|e| (e.message(Lang::Vi), e.message(Lang::En)))) {
        assert!(!vi.is_empty() && vi != en, "{vi} / {en}");
    }
    assert!(Notice::LinkOpened { saved: 1 }.to_string().contains("“Saved sessions” (1)"));
}
