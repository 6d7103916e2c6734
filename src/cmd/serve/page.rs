//! What `serve` puts in front of the output folder: request paths checked and mapped to files of
//! the folder, content types, and the live-reload script (with the problem banner) added to every
//! HTML page served, including the preview page that shows one brief.

use std::path::PathBuf;

/// The long-poll endpoint of the live-reload script.
pub const LIVE_RELOAD: &str = "/__livereload";
/// The preview page of one brief: `/__preview/delegations/MEX.pdf`.
pub const PREVIEW: &str = "/__preview/";
/// Served as the catalog page until a build has written one.
pub const NO_CATALOG: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>imrf-briefs: no catalog yet</title>\n</head>\n<body>\n<p>No catalog page yet: no build has succeeded. This page reloads when one does.</p>\n</body>\n</html>\n";
/// The id of the problem banner, for the script and for tests.
pub const BANNER_ID: &str = "imrf-briefs-problem";

/// The file of the output folder that request path `path` (without its query) names, relative:
/// `/` is the catalog page. `None` for anything that is not a plain relative path of visible
/// names: `..`, `.`, empty or hidden names (the lock, temporary files), backslashes, colons,
/// NUL, bad percent-escapes or bytes that are not UTF-8.
pub fn resolve(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let rest = decoded.strip_prefix('/')?;
    if rest.is_empty() {
        return Some(PathBuf::from(crate::catalog::FILE));
    }
    let mut relative = PathBuf::new();
    for name in rest.split('/') {
        if name.is_empty() || name.starts_with('.') || name.contains(['\\', ':', '\0']) {
            return None;
        }
        relative.push(name);
    }
    Some(relative)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a served file, by its extension.
pub fn content_type(path: &std::path::Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("pdf") => "application/pdf",
        Some("html") => "text/html; charset=utf-8",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("typ" | "txt" | "md") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `html` with the live-reload script (and the banner, if the last build had a `problem`) put
/// before its `</body>`. `watched` is the brief the page shows (`None`: the catalog page, which
/// reloads on any change).
pub fn inject(html: &str, generation: u64, watched: Option<&str>, problem: Option<&str>) -> String {
    let at = html.rfind("</body>").unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + SCRIPT.len() + 512);
    out.push_str(&html[..at]);
    out.push_str(&banner(problem));
    let watched = serde_json::to_string(&watched).expect("a string serialises");
    // `</` cannot end the script early: JSON of a path has no `<`, but be safe.
    let watched = watched.replace("</", "<\\/");
    out.push_str(&format!(
        "<script>\nvar imrfLive = {{generation: {generation}, watched: {watched}, endpoint: \"{LIVE_RELOAD}\", preview: \"{PREVIEW}\", banner: \"{BANNER_ID}\"}};\n{SCRIPT}</script>\n"
    ));
    out.push_str(&html[at..]);
    out
}

/// The banner showing the last build's problem (escaped), or an empty one for the script to fill.
fn banner(problem: Option<&str>) -> String {
    format!(
        "<div id=\"{BANNER_ID}\" role=\"alert\" style=\"{STYLE}\"{}><strong>The last save did not build; the last good files are shown.</strong><pre style=\"white-space: pre-wrap; margin: .5rem 0 0; font-size: .85rem\">{}</pre></div>\n",
        if problem.is_some() { "" } else { " hidden" },
        escape(problem.unwrap_or_default())
    )
}

const STYLE: &str = "position: fixed; left: 0; right: 0; bottom: 0; z-index: 10; max-height: 45vh; overflow: auto; margin: 0; padding: .75rem 1rem; background: #fdecea; color: #5f1410; border-top: 3px solid #b3261e; font: 14px/1.4 system-ui, sans-serif";

/// The preview page of the brief at `path` (relative, `/`-separated): the file in a frame, with
/// links back to the catalog and to the file itself; the script reloads the frame when it changes.
pub fn preview(path: &str, generation: u64, problem: Option<&str>) -> String {
    let href = format!("/{}", path);
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"imrf-briefs serve\">\n<title>{title} (live preview)</title>\n<style>html, body {{ margin: 0; height: 100%; }} body {{ display: flex; flex-direction: column; font: 14px/1.4 system-ui, sans-serif; }} nav {{ padding: .4rem 1rem; background: #009edb; color: #fff; }} nav a {{ color: #fff; margin-right: 1.5rem; }} iframe {{ flex: 1; border: 0; width: 100%; }}</style>\n</head>\n<body>\n<nav><a href=\"/\">All briefs</a><a href=\"{href}\">{title}</a>live preview: reloads when this brief is rebuilt</nav>\n<iframe id=\"imrf-briefs-frame\" title=\"{title}\" src=\"{href}?v={generation}\"></iframe>\n</body>\n</html>\n",
        title = escape(path),
        href = escape(&href),
    );
    inject(&page, generation, Some(path), problem)
}

/// `text` safe inside HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` without terminal colour codes (typst's diagnostics are coloured on a terminal).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters, ending with a letter.
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The live-reload script: long-polls [`LIVE_RELOAD`] for builds after the page's generation,
/// shows or hides the banner, and reloads the page (the catalog: on any change; a preview: its
/// frame, when its brief changed). On the catalog page, links to briefs lead to their preview.
const SCRIPT: &str = r#"(function () {
  var live = imrfLive;
  if (live.watched === null) {
    var links = document.querySelectorAll("a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (a.origin === location.origin && /\.(pdf|png|svg)$/.test(a.pathname)) {
        a.href = live.preview + a.pathname.replace(/^\//, "");
      }
    }
  }
  function show(problem) {
    var banner = document.getElementById(live.banner);
    if (!banner) return;
    banner.hidden = problem === null;
    banner.querySelector("pre").textContent = problem || "";
  }
  function poll() {
    fetch(live.endpoint + "?since=" + live.generation, {cache: "no-store"})
      .then(function (r) { if (!r.ok) throw r.status; return r.json(); })
      .then(function (state) {
        var changed = state.changed.filter(function (p) {
          return live.watched === null || p === live.watched;
        });
        live.generation = state.generation;
        show(state.error);
        if (changed.length > 0) {
          if (live.watched === null) { location.reload(); return; }
          var frame = document.getElementById("imrf-briefs-frame");
          frame.src = "/" + live.watched + "?v=" + state.generation;
        }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_inside_the_output_folder() {
        assert_eq!(resolve("/"), Some(PathBuf::from("index.html")));
        assert_eq!(
            resolve("/delegations/MEX.pdf"),
            Some(PathBuf::from("delegations/MEX.pdf"))
        );
        assert_eq!(resolve("/a%20b.pdf"), Some(PathBuf::from("a b.pdf")));
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/delegations/../../x",
            "//etc/passwd",
            "/./index.html",
            "/.imrf-briefs.lock",
            "/a\\b",
            "/C:/x",
            "/%00",
            "/%zz",
            "/%ff",
            "http://127.0.0.1/index.html",
            "/delegations/",
        ] {
            assert_eq!(resolve(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_script_and_the_escaped_banner_go_before_the_body_ends() {
        let page = inject(
            "<html><body><p>x</p></body></html>",
            7,
            None,
            Some("<b>&\"'"),
        );
        assert!(page.ends_with("</script>\n</body></html>"), "{page}");
        assert!(page.contains("&lt;b&gt;&amp;&quot;&#39;"), "{page}");
        assert!(!page.contains("<b>&"), "{page}");
        assert!(page.contains("generation: 7, watched: null"), "{page}");
        let quiet = inject("<p>no body</p>", 1, Some("delegations/MEX.pdf"), None);
        assert!(quiet.contains(" hidden>"), "{quiet}");
        assert!(
            quiet.contains("watched: \"delegations/MEX.pdf\""),
            "{quiet}"
        );
    }

    #[test]
    fn colour_codes_are_removed() {
        assert_eq!(
            strip_ansi("\u{1b}[1;31merror\u{1b}[0m: x"),
            "error: x".to_string()
        );
    }
}
