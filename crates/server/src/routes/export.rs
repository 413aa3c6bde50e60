//! Exports of a stored report: its cells as CSV, the disclosure workbook
//! (XLSX, one sheet per table) and the rendered disclosure (HTML), both
//! from `juesuan_render`. The JSON is `/api/reports/{id}`.

use super::{blocking, valid_id};
use crate::error::{not_found, ApiError};
use crate::state::App;
use axum::extract::{Path, State};
use axum::http::{header, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use juesuan_render::csv::{Field, Style};
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

/// The cells as CSV (UTF-8 with a byte-order mark, so that spreadsheets
/// read the Chinese; CR LF line ends). Text that a spreadsheet would take
/// for a formula gets a leading `'`; values are amounts and stay numbers
/// ([`juesuan_render::csv`]).
pub fn cells_csv(cells: &[StoredCell]) -> String {
    let header = ["单元格", "表", "行", "栏次", "项目", "数值", "行号", "页码"];
    let rows = cells.iter().map(|c| {
        vec![
            Field::text(c.addr()),
            Field::text(c.table.as_str()),
            Field::text(c.row.as_str()),
            Field::number(c.column.to_string()),
            Field::text(c.name.as_str()),
            Field::number(c.value.as_str()),
            Field::number(c.line.to_string()),
            Field::number(c.page.map(|p| p.to_string()).unwrap_or_default()),
        ]
    });
    let style = Style {
        bom: true,
        crlf: true,
    };
    juesuan_render::csv::to_string(style, &header, rows)
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

/// Headers of the rendered disclosure: its own inline styles and images, no
/// script (`nosniff` comes with every response: [`crate::guard::nosniff`]).
fn disclosure_headers() -> [(HeaderName, &'static str); 2] {
    [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
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
    fn cells_csv_guards_text_and_keeps_amounts() {
        let cell = StoredCell {
            table: "T02".into(),
            row: "2080101".into(),
            column: 2,
            name: "=HYPERLINK(\"x\")".into(),
            value: "-0.01".into(),
            line: 166,
            page: None,
        };
        assert_eq!(
            cells_csv(&[cell]),
            "\u{feff}单元格,表,行,栏次,项目,数值,行号,页码\r\n\
             \"T02[2080101,C2]\",T02,2080101,2,\"'=HYPERLINK(\"\"x\"\")\",-0.01,166,\r\n"
        );
    }
}
