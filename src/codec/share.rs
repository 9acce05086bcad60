//! Share links and embed snippets.

use super::to_link;
use crate::session::Session;

/// The address of a view: `base` (its query and fragment dropped) with the
/// session in the fragment.
pub fn share_url(base: &str, s: &Session) -> String {
    let base = base.split(['#', '?']).next().unwrap_or(base);
    format!("{base}#s={}", to_link(s))
}

/// The HTML to embed a view in another page: an iframe of `base` in embed
/// mode, and the few lines that let it size itself (see README, "Embed").
pub fn embed_snippet(base: &str, s: &Session) -> String {
    let base = base.split(['#', '?']).next().unwrap_or(base);
    let src = format!("{base}?embed=1&lang={}#s={}", s.lang.code(), to_link(s));
    let origin = base.split('/').take(3).collect::<Vec<_>>().join("/");
    let title = crate::text::t(s.lang).title;
    format!(
        "<iframe id=\"vn766\" src=\"{src}\" title=\"{title}\" style=\"width:100%;border:0\" height=\"900\" loading=\"lazy\"></iframe>\n\
<script>\n\
window.addEventListener('message', function (e) {{\n\
  if (e.origin !== '{origin}' || !e.data || e.data.type !== 'vn766:height') return;\n\
  document.getElementById('vn766').style.height = Math.ceil(e.data.height) + 'px';\n\
}});\n\
</script>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::codec::from_link;

    #[test]
    fn share_links_and_embed_snippets() {
        let s = Session::default();
        let url = share_url("https://dvc.example.vn/chiso766/?embed=1#s=old", &s);
        assert!(url.starts_with("https://dvc.example.vn/chiso766/#s=3."), "{url}");
        assert_eq!(from_link(url.split("#s=").nth(1).unwrap(), &Catalog::default()).unwrap().0, s);
        let html = embed_snippet("https://dvc.example.vn/chiso766/index.html", &s);
        assert!(html
            .starts_with("<iframe id=\"vn766\" src=\"https://dvc.example.vn/chiso766/index.html?embed=1&lang=vi#s=3."));
        assert!(html.contains("e.origin !== 'https://dvc.example.vn'"));
        assert!(html.contains("vn766:height"));
    }
}
