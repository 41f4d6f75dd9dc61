//! Who may talk to the server: the right `Host` (against DNS rebinding), no other site's
//! `Origin` (against a web page elsewhere making the local server produce or leak letters),
//! and the token when one is set (always, off loopback).

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::AppState;

/// The cookie that carries the token once a browser has presented it in the URL.
pub const COOKIE: &str = "recours_jeton";

/// What the guard checks against.
#[derive(Debug)]
pub struct Guard {
    /// `Host` values accepted (`127.0.0.1:8080`, `localhost:8080`…); empty: any.
    pub hosts: Vec<String>,
    /// The token every request must carry, if any.
    pub jeton: Option<String>,
}

fn refuse(status: StatusCode, message: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!("{message}\n"),
    )
        .into_response()
}

/// Equal without telling, by its timing, how much of the token was right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn presented_token(headers: &HeaderMap, query: Option<&str>) -> Option<String> {
    if let Some(v) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        && let Some(t) = v.strip_prefix("Bearer ")
    {
        return Some(t.trim().to_string());
    }
    for cookie in headers.get_all(header::COOKIE) {
        let Ok(cookie) = cookie.to_str() else {
            continue;
        };
        for part in cookie.split(';') {
            if let Some(t) = part.trim().strip_prefix(&format!("{COOKIE}=")) {
                return Some(t.to_string());
            }
        }
    }
    query.and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "jeton")
            .map(|(_, v)| v.into_owned())
    })
}

/// The middleware: refuses, or passes the request on and adds the safety headers.
pub async fn check(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let g = &state.guard;
    let headers = req.headers();
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !g.hosts.is_empty() && !g.hosts.contains(&host) {
        return refuse(
            StatusCode::FORBIDDEN,
            "Requête refusée : ce serveur ne répond qu'à son adresse locale.",
        );
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let ok = origin.to_str().is_ok_and(|o| o == format!("http://{host}"));
        if !ok {
            return refuse(
                StatusCode::FORBIDDEN,
                "Requête refusée : elle vient d'un autre site.",
            );
        }
    }
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site")
    {
        return refuse(
            StatusCode::FORBIDDEN,
            "Requête refusée : elle vient d'un autre site.",
        );
    }
    let mut set_cookie = None;
    if let Some(jeton) = &g.jeton {
        let given = presented_token(headers, req.uri().query());
        if !given.is_some_and(|t| same(t.as_bytes(), jeton.as_bytes())) {
            return refuse(
                StatusCode::UNAUTHORIZED,
                "Jeton manquant ou faux : ouvrez l'adresse complète affichée au démarrage \
                 (avec ?jeton=…), ou envoyez l'en-tête Authorization: Bearer JETON.",
            );
        }
        set_cookie = Some(format!(
            "{COOKIE}={jeton}; HttpOnly; SameSite=Strict; Path=/"
        ));
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // Not `no-referrer`: with it, browsers send `Origin: null` on the page's own form posts,
    // which the check above refuses.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    if let Some(c) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        h.insert(header::SET_COOKIE, c);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_read_from_header_cookie_or_query() {
        let mut h = HeaderMap::new();
        assert_eq!(
            presented_token(&h, Some("jeton=abc&x=1")).as_deref(),
            Some("abc")
        );
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("a=b; recours_jeton=xyz"),
        );
        assert_eq!(presented_token(&h, None).as_deref(), Some("xyz"));
        h.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer t0k"),
        );
        assert_eq!(presented_token(&h, None).as_deref(), Some("t0k"));
        assert!(same(b"abc", b"abc") && !same(b"abc", b"abd") && !same(b"ab", b"abc"));
    }
}
