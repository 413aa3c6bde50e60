//! Exports of a stored report: its cells as CSV, the disclosure workbook
//! (XLSX, one sheet per table) and the rendered disclosure (HTML), both
//! from `juesuan_render`. The JSON is `/api/reports/{id}`.

use super::{blocking, valid_id};
use crate::error::{not_found, ApiError};
use crate::state::App;
use axum::extract::{Path, State};
use axum::http::{header, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use juesuan_render::{build, texts_for, Inputs, Texts};
use juesuan_store::StoredCell;
use std::sync::Arc;

fn checked(id: &str) -> Result<(), ApiError> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(not_found("该报告"))
    }
}

/// `attachment; filename="…"` for a report id (hex digits only) and an extension.
fn attachment(id: &str, ext: &str) -> String {
    format!("attachment; filename=\"juesuan-{id}.{ext}\"")
}

/// One CSV field: quoted when needed; text that a spreadsheet would take
/// for a formula (`=`, `+`, `-`, `@` first) gets a leading `'`.
fn field(s: &str, text: bool) -> String {
    let s = if text && s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The cells as CSV (UTF-8 with a byte-order mark, so that spreadsheets read the Chinese).
pub fn cells_csv(cells: &[StoredCell]) -> String {
    let mut out = String::from("\u{feff}单元格,表,行,栏次,项目,数值,行号,页码\r\n");
    for c in cells {
        let row = [
            field(&c.addr(), true),
            field(&c.table, true),
            field(&c.row, true),
            c.column.to_string(),
            field(&c.name, true),
            field(&c.value, false),
            c.line.to_string(),
            c.page.map(|p| p.to_string()).unwrap_or_default(),
        ];
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

/// `GET /reports/{id}/cells.csv`.
pub async fn csv(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    checked(&id)?;
    let name = attachment(&id, "csv");
    let body = blocking(&app, move |app| {
        app.store.summary(&id)?.ok_or_else(|| not_found("该报告"))?;
        Ok::<_, ApiError>(cells_csv(&app.store.cells(&id)?))
    })
    .await??;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response())
}

/// The disclosure document of a stored report.
fn document(app: &App, id: &str) -> Result<juesuan_render::Document, ApiError> {
    let model = app.store.model(id)?.ok_or_else(|| not_found("该报告"))?;
    let texts = texts_for(&model, Texts::default());
    Ok(build(&Inputs {
        report: &model,
        prior: None,
        texts: &texts,
    }))
}

/// `GET /reports/{id}/report.xlsx`: the tables as a workbook.
pub async fn xlsx(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    checked(&id)?;
    let name = attachment(&id, "xlsx");
    let body = blocking(&app, move |app| {
        let doc = document(app, &id)?;
        juesuan_render::xlsx::render(&doc)
            .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.message))
    })
    .await??;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (header::CONTENT_DISPOSITION, name),
        ],
        body,
    )
        .into_response())
}

/// Headers of the rendered disclosure: its own inline styles and images, no script.
fn disclosure_headers() -> [(HeaderName, &'static str); 3] {
    [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; \
             base-uri 'none'; frame-ancestors 'none'",
        ),
    ]
}

/// `GET /reports/{id}/disclosure.html`: the disclosure in the official layout.
pub async fn disclosure(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    checked(&id)?;
    let body = blocking(&app, move |app| {
        let doc = document(app, &id)?;
        Ok::<_, ApiError>(juesuan_render::html::render(&doc))
    })
    .await??;
    Ok((disclosure_headers(), body).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields() {
        assert_eq!(field("行政运行", true), "行政运行");
        assert_eq!(field("a,b", true), "\"a,b\"");
        assert_eq!(field("say \"x\"", true), "\"say \"\"x\"\"\"");
        assert_eq!(
            field("=HYPERLINK(\"x\")", true),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(field("-0.01", false), "-0.01");
    }
}
