//! `GET /api/findings.csv`: the findings of every report that passes the
//! library's filter (and a findings filter), one CSV file written while it
//! is sent. Reports are read a slice at a time and each one's findings in
//! turn, so memory stays bounded by a slice and a chunk whatever the
//! library holds (10,000 reports hold about 600,000 findings).

use super::blocking;
use super::params::ListQuery;
use crate::error::ApiError;
use crate::html::findings::location;
use crate::html::severity_name;
use crate::state::App;
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use juesuan_render::csv::{Field, Style};
use juesuan_store::{
    FindingFilter, Order, Paging, ReportFilter, ReportSummary, Store, StoredFinding,
};
use std::io::{self, Write};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::sync::mpsc;

/// The columns (the report id last, to tell apart two reports of one
/// department and year).
const HEADER: [&str; 7] = ["部门", "年度", "规则", "级别", "说明", "位置", "报告编号"];

/// Reports read per query.
const REPORTS_PER_QUERY: u32 = 200;

/// Bytes sent per chunk.
const CHUNK_BYTES: usize = 64 * 1024;

/// Chunks written ahead of the client: the writer waits beyond.
const CHUNKS_AHEAD: usize = 4;

/// Streams the export; 503 while [`crate::state::App::export_turn`] has no
/// turn, 500 if the library cannot be read at all.
pub async fn findings_csv(
    State(app): State<Arc<App>>,
    Query(q): Query<ListQuery>,
) -> Result<Response, ApiError> {
    let filter = q.filter()?;
    let order = q.order()?;
    let wanted = q.findings()?;
    let turn = app.export_turn().ok_or_else(|| {
        ApiError(
            StatusCode::SERVICE_UNAVAILABLE,
            "正在生成的导出文件已达上限，请稍后重试".to_string(),
        )
    })?;
    // The first slice is read before answering: a library that cannot be
    // read is a 500, not an empty file.
    let first = {
        let filter = filter.clone();
        let paging = Paging::new(REPORTS_PER_QUERY, 0);
        blocking(&app, move |app| {
            app.store.report_slice(&filter, order, paging)
        })
        .await??
    };
    let (tx, rx) = mpsc::channel(CHUNKS_AHEAD);
    let writer = Arc::clone(&app);
    drop(tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let rows = Rows::new(&writer.store, filter, order, wanted, first);
        write_all(rows, tx);
    }));
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"juesuan-findings.csv\"",
            ),
        ],
        Body::from_stream(Chunks(rx)),
    )
        .into_response())
}

/// Writes the file into `tx`. A library error midway ends the body with
/// an error, so that the client sees a broken download, never a file that
/// looks whole; a client that hangs up ends the writing.
fn write_all(mut rows: Rows<'_>, tx: mpsc::Sender<io::Result<Bytes>>) {
    let mut out = ChannelWriter {
        tx,
        buf: Vec::with_capacity(CHUNK_BYTES),
    };
    let style = Style {
        bom: true,
        crlf: true,
    };
    // A write error means the client hung up: nothing more to send.
    let _ = juesuan_render::csv::write(&mut out, style, &HEADER, rows.by_ref());
    if let Some(e) = rows.error.take() {
        eprintln!("警告：审核发现导出中断：{e}");
        let _ = out.tx.blocking_send(Err(io::Error::other(e.message)));
    }
}

/// One CSV record per finding of each report, reading the library as it goes.
struct Rows<'a> {
    store: &'a Store,
    filter: ReportFilter,
    order: Order,
    wanted: FindingFilter,
    /// Reports of the slice being written.
    reports: std::vec::IntoIter<ReportSummary>,
    /// Where the next slice starts; `None` once a slice came back short.
    next_offset: Option<u64>,
    /// The report being written and its findings still to write.
    report: Option<ReportSummary>,
    findings: std::vec::IntoIter<StoredFinding>,
    /// Why the rows ended early.
    error: Option<juesuan_store::Error>,
}

impl<'a> Rows<'a> {
    fn new(
        store: &'a Store,
        filter: ReportFilter,
        order: Order,
        wanted: FindingFilter,
        first: Vec<ReportSummary>,
    ) -> Rows<'a> {
        let next_offset = (first.len() == REPORTS_PER_QUERY as usize).then_some(first.len() as u64);
        Rows {
            store,
            filter,
            order,
            wanted,
            reports: first.into_iter(),
            next_offset,
            report: None,
            findings: Vec::new().into_iter(),
            error: None,
        }
    }
}

impl Iterator for Rows<'_> {
    type Item = Vec<Field<'static>>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(report) = &self.report {
                if let Some(f) = self.findings.next() {
                    return Some(record(report, &f));
                }
            }
            if let Some(r) = self.reports.next() {
                match self.store.findings_where(&r.id, &self.wanted) {
                    Ok(list) => {
                        self.findings = list.into_iter();
                        self.report = Some(r);
                    }
                    Err(e) => {
                        self.error = Some(e);
                        return None;
                    }
                }
                continue;
            }
            let offset = self.next_offset?;
            let paging = Paging::new(REPORTS_PER_QUERY, offset);
            match self.store.report_slice(&self.filter, self.order, paging) {
                Ok(list) => {
                    self.next_offset = (list.len() == REPORTS_PER_QUERY as usize)
                        .then_some(offset + list.len() as u64);
                    self.reports = list.into_iter();
                }
                Err(e) => {
                    self.error = Some(e);
                    return None;
                }
            }
        }
    }
}

/// The record of finding `f` of report `r`.
fn record(r: &ReportSummary, f: &StoredFinding) -> Vec<Field<'static>> {
    vec![
        Field::text(r.department.clone()),
        Field::number(r.year.map(|y| y.to_string()).unwrap_or_default()),
        Field::text(f.rule.clone()),
        Field::text(severity_name(&f.severity)),
        Field::text(f.message.clone()),
        Field::text(location(f)),
        Field::text(r.id.clone()),
    ]
}

/// Sends what is written in chunks of [`CHUNK_BYTES`], waiting while the
/// client is [`CHUNKS_AHEAD`] chunks behind.
struct ChannelWriter {
    tx: mpsc::Sender<io::Result<Bytes>>,
    buf: Vec<u8>,
}

impl ChannelWriter {
    fn send(&mut self) -> io::Result<()> {
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buf,
            Vec::with_capacity(CHUNK_BYTES),
        ));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "下载已中断"))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK_BYTES {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        self.send()
    }
}

/// The chunks as the response body's stream.
struct Chunks(mpsc::Receiver<io::Result<Bytes>>);

impl futures_core::Stream for Chunks {
    type Item = io::Result<Bytes>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.poll_recv(cx)
    }
}
