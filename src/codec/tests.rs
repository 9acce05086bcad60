//! Links, storage and files: round trips, old versions, bad input.
use super::*;
use crate::session::{Action, GoalKind};

fn edited() -> Session {
    let mut s = Session::default();
    s.apply(Action::SetLang(Lang::En));
    s.apply(Action::SetCount { quantity: "dossiers_overdue".into(), text: "20000".into() });
    s.apply(Action::SetCount { quantity: "dossiers_e_result".into(), text: "abc".into() });
    s.apply(Action::SetRateMode {
        indicator: "1.2".into(),
        on: true,
        prefill: Some("86.54".into()),
        current_prefill: None,
    });
    s.apply(Action::SetGivenMode { group: "ONLINE".into(), on: false, prefill: None });
    s.apply(Action::DuplicateScenario);
    s.apply(Action::RenameScenario { index: 1, name: "Plan B".into() });
    s.apply(Action::SetCount { quantity: "petitions_overdue".into(), text: "0".into() });
    s.apply(Action::SetProfile("document".into()));
    s.apply(Action::SetGoal { kind: GoalKind::Rank, value: "5".into() });
    s.apply(Action::SetLock { indicator: "2.1".into(), on: true });
    s.apply(Action::SetWeight { indicator: "4.1".into(), text: "2,5".into() });
    s.apply(Action::ReplaceHistory(History::example(s.method())));
    s
}

#[test]
fn base64url_round_trips() {
    for s in ["", "a", "ab", "abc", "abcd", "Đồng Tháp {\"v\":1}"] {
        assert_eq!(base64url::decode(&base64url::encode(s.as_bytes())).unwrap(), s.as_bytes());
    }
    assert_eq!(base64url::encode(b"\xfb\xff"), "-_8");
    assert_eq!(base64url::decode("a"), None);
    assert_eq!(base64url::decode("ab$c"), None);
}

#[test]
fn links_storage_and_files_round_trip() {
    let s = edited();
    let link = to_link(&s);
    assert!(link.starts_with("3."));
    assert!(link.len() < 2500, "{} characters", link.len());
    assert_eq!(from_link(&link, &Catalog::default()), Ok((s.clone(), false)));
    let json = to_json(&s);
    assert!(json.contains("\"format\": \"vn766\"") && json.contains("\"version\": 3"));
    assert_eq!(from_json(&json, &Catalog::default()), Ok(s.clone()));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(json.as_bytes());
    assert_eq!(from_file_bytes(&bom, &Catalog::default()), Ok(s));
}

#[test]
fn an_untouched_unit_makes_a_short_link() {
    let s = Session::default();
    assert!(to_link(&s).len() < 400, "{}", to_link(&s));
}

#[test]
fn long_sessions_leave_parts_out_of_links() {
    let mut s = edited();
    let quantities: Vec<String> = s.method().quantities.iter().map(|q| q.id.clone()).collect();
    for n in 0..15 {
        s.apply(Action::NewScenario);
        for q in &quantities {
            s.apply(Action::SetCount { quantity: q.clone(), text: format!("{}", 1000 + n) });
        }
    }
    let link = to_link(&s);
    assert!(link.len() <= LINK_BUDGET, "{}", link.len());
    let (back, partial) = from_link(&link, &Catalog::default()).unwrap();
    assert!(partial);
    assert_eq!(back.scenarios.len(), 1);
    assert_eq!(back.draft(), s.draft());
    assert!(back.history.rows.is_empty());
    // The file keeps everything.
    assert_eq!(from_json(&to_json(&s), &Catalog::default()), Ok(s));
}

#[test]
fn version_1_links_and_storage_are_upgraded() {
    // As the first release wrote them: one draft, short keys, differences.
    let v1 = r#"{"v":1,"l":"vi","p":"portal-2026","t":"provinces-2026-10-10","u":"H38","c":{"dossiers_overdue":"0"},"rm":["4.6"],"gm":["ONLINE","TTTT"],"tg":{"k":"r","v":"5","l":["2.1"]}}"#;
    let link = format!("1.{}", base64url::encode(v1.as_bytes()));
    let (s, partial) = from_link(&link, &Catalog::default()).unwrap();
    assert!(!partial);
    assert_eq!(s.unit.as_deref(), Some("H38"));
    assert_eq!(s.scenarios.len(), 1);
    assert_eq!(s.scenarios[0].name, "Kịch bản 1");
    assert_eq!(s.draft().counts["dossiers_overdue"], "0");
    assert_eq!(s.draft().counts["dossiers_received"], "280591", "the rest comes from the baseline");
    assert_eq!(s.targets.kind, GoalKind::Rank);
    assert_eq!(s.targets.value, "5");
    assert!(s.targets.locks.contains("2.1"));
    // Stored sessions of version 1 read the same way.
    assert_eq!(from_json(v1, &Catalog::default()), Ok(s));
}

#[test]
fn bad_input_says_what_and_where() {
    let s = Session::default();
    let link = to_link(&s);
    assert_eq!(from_link(&link[..link.len() - 5], &Catalog::default()), Err(DecodeError::Corrupt(String::new())));
    assert_eq!(from_link("4.e30", &Catalog::default()), Err(DecodeError::NewerVersion(4)));
    assert_eq!(from_link("0.e30", &Catalog::default()), Err(DecodeError::OlderVersion(0)));
    assert_eq!(from_link("garbage", &Catalog::default()), Err(DecodeError::Corrupt(String::new())));
    assert_eq!(from_link(&"1.".repeat(20_000), &Catalog::default()), Err(DecodeError::TooLong));
    let forged = format!("2.{}", base64url::encode(br#"{"format":"vn766","version":2,"lang":"vi","profile":"x","table":"provinces-2026-10-10","scenarios":[]}"#));
    assert_eq!(from_link(&forged, &Catalog::default()), Err(DecodeError::UnknownProfile("x".into())));
    assert_eq!(from_json("{\"v\":0}", &Catalog::default()), Err(DecodeError::OlderVersion(0)));
    assert_eq!(from_json("[1,2]", &Catalog::default()), Err(DecodeError::NotOurs));
    assert_eq!(from_json("{\"format\":\"other\"}", &Catalog::default()), Err(DecodeError::NotOurs));
    assert_eq!(
        from_json("{\"format\":\"vn766\",\"version\":9}", &Catalog::default()),
        Err(DecodeError::NewerVersion(9))
    );
    let e = from_json("{\"format\":\"vn766\",\n\"version\":2,\n\"lang\":\"fr\"}", &Catalog::default()).unwrap_err();
    assert!(matches!(&e, DecodeError::Corrupt(d) if d.starts_with("line 3, column")), "{e:?}");
    assert!(e.message(Lang::Vi).starts_with("bị hỏng (line 3, column"));
    let mut json: serde_json::Value = serde_json::from_str(&to_json(&s)).unwrap();
    json["scenarios"][0]["name"] = "x".repeat(70).into();
    assert_eq!(
        from_json(&json.to_string(), &Catalog::default()),
        Err(DecodeError::Invalid(format!("scenario name “{}”", "x".repeat(60))))
    );
    json["unit"] = "H99".into();
    assert_eq!(from_json(&json.to_string(), &Catalog::default()), Err(DecodeError::UnknownUnit("H99".into())));
    assert!(
        matches!(from_file_bytes(b"{\"a\":\"\xff\"}", &Catalog::default()), Err(DecodeError::Corrupt(d)) if d == "byte 6: not UTF-8")
    );
    assert_eq!(DecodeError::Corrupt(String::new()).message(Lang::Vi), "bị cắt cụt hoặc bị sửa");
}
