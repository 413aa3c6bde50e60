//! The OpenAPI 3 document served at `/api/openapi.json`.

use serde_json::{json, Value};

fn id_param() -> Value {
    json!({ "name": "id", "in": "path", "required": true,
            "description": "报告编号（文件 SHA-256 的前 16 位十六进制数）",
            "schema": { "type": "string", "pattern": "^[0-9a-f]{16}$" } })
}

fn json_response(description: &str, schema: Value) -> Value {
    json!({ "description": description,
            "content": { "application/json": { "schema": schema } } })
}

fn error_response(description: &str) -> Value {
    json_response(description, json!({ "$ref": "#/components/schemas/Error" }))
}

/// The document.
pub fn document() -> Value {
    let mut doc = base();
    crate::routes::years::openapi(&mut doc);
    doc
}

fn base() -> Value {
    let q = json!({ "name": "q", "in": "query", "required": false,
                    "description": "按部门名称搜索（包含即匹配）", "schema": { "type": "string" } });
    let year = json!({ "name": "year", "in": "query", "required": false,
                       "description": "只列出该年度的报告（空值表示全部年度）",
                       "schema": { "type": "integer", "example": 2024 } });
    let status = json!({ "name": "status", "in": "query", "required": false,
                         "description": "按审核状态筛选：errors 有错误（至少一条错误）、warnings 有警告（至少一条警告，可同时有错误）、clean 无错误（可有警告）；也接受中文名称；空值表示全部",
                         "schema": { "type": "string", "enum": ["errors", "warnings", "clean", "有错误", "有警告", "无错误"] } });
    let dept = json!({ "name": "dept", "in": "query", "required": false,
                       "description": "只列出该部门（部门键，见报告摘要的 dept_key）的报告",
                       "schema": { "type": "string" } });
    let sort = json!({ "name": "sort", "in": "query", "required": false,
                       "description": "排序：department 按部门（默认，升序）、year 按年度（默认新→旧）、errors 按错误数（默认多→少）",
                       "schema": { "type": "string", "enum": ["department", "year", "errors"] } });
    let order = json!({ "name": "order", "in": "query", "required": false,
                        "description": "asc 升序、desc 降序；不填为该排序的默认方向",
                        "schema": { "type": "string", "enum": ["asc", "desc"] } });
    let limit = json!({ "name": "limit", "in": "query", "required": false,
                        "description": "每次返回的条数（默认 100，最多 500，超出按 500）",
                        "schema": { "type": "integer", "minimum": 1, "maximum": 500, "default": 100 } });
    let offset = json!({ "name": "offset", "in": "query", "required": false,
                         "description": "跳过的条数（默认 0）",
                         "schema": { "type": "integer", "minimum": 0, "default": 0 } });
    let severity = json!({ "name": "severity", "in": "query", "required": false,
                           "description": "只列出这些级别的审核发现，逗号分隔：error 错误、warning 警告、info 提示（也接受中文名称）",
                           "schema": { "type": "string", "example": "error,warning" } });
    let rule = json!({ "name": "rule", "in": "query", "required": false,
                       "description": "只列出规则编号以此开头的审核发现（区分大小写），如 T01 或 narrative.",
                       "schema": { "type": "string", "example": "T01" } });
    let reports_params = json!([q, year, status, dept, sort, order, limit, offset]);
    let departments_params = json!([q, year, status, dept, limit, offset]);
    let export_params = json!([q, year, status, dept, sort, order, severity, rule]);
    let bad_filter = error_response("年度、状态、排序、limit 或 offset 无效");
    let slice = |items: &str, schema: Value| {
        json!({ "type": "object", "properties": {
        items: { "type": "array", "items": schema },
        "total": { "type": "integer", "description": "符合条件的总数" },
        "limit": { "type": "integer" }, "offset": { "type": "integer" },
        "next": { "type": "string", "nullable": true, "description": "下一批的地址；已到末尾时为 null" } } })
    };
    json!({
      "openapi": "3.0.3",
      "info": { "title": "juesuan 部门决算报告库 API", "version": env!("CARGO_PKG_VERSION"),
                "description": "部门决算公开报告的读取、审核结果与跨年度比较。金额均为十进制字符串。" },
      "paths": {
        "/api/reports": {
          "get": { "summary": "报告列表（可按名称、部门、年度、审核状态筛选，条件同时满足；分批返回）",
                   "parameters": reports_params,
                   "responses": { "200": json_response("报告摘要", slice("reports",
                      json!({ "$ref": "#/components/schemas/ReportSummary" }))),
                                  "400": bad_filter.clone() } },
          "post": { "summary": "上传一份报告（请求体为文件原始内容），读取、审核并存入报告库",
                    "parameters": [{ "name": "name", "in": "query", "required": false,
                                     "description": "原始文件名（仅作标签）", "schema": { "type": "string" } },
                                   { "name": "job", "in": "query", "required": false,
                                     "description": "上传编号（8–64 个字母、数字、- 或 _），读取期间可由 /api/uploads/{job} 查询进度",
                                     "schema": { "type": "string" } }],
                    "security": [{ "token": [] }, {}],
                    "requestBody": { "required": true, "content": {
                        "application/octet-stream": { "schema": { "type": "string", "format": "binary" } },
                        "application/pdf": { "schema": { "type": "string", "format": "binary" } },
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { "schema": { "type": "string", "format": "binary" } },
                        "application/vnd.ms-excel": { "schema": { "type": "string", "format": "binary" } },
                        "text/html": { "schema": { "type": "string", "format": "binary" } },
                        "text/plain": { "schema": { "type": "string", "format": "binary" } } } },
                    "responses": {
                      "201": json_response("新导入", json!({ "$ref": "#/components/schemas/Upload" })),
                      "200": json_response("相同文件已在库中（未变化）", json!({ "$ref": "#/components/schemas/Upload" })),
                      "401": error_response("缺少或错误的访问令牌"),
                      "403": error_response("上传已禁用，或请求来自其他网站（Origin、Sec-Fetch-Site）"),
                      "409": error_response("同一上传编号的文件正在读取中"),
                      "413": error_response("文件过大，或需要文字识别的页数超过服务器同时识别的上限"),
                      "415": error_response("不支持的文件类型"),
                      "422": error_response("不是可识别的部门决算报告"),
                      "503": error_response("正在审核的上传已达上限，或文字识别页数预算已被其他上传占用，稍后重试（见 Retry-After）") } }
        },
        "/api/uploads/{job}": {
          "get": { "summary": "正在读取的上传的进度（文字识别已完成页数 / 总页数，然后审核）",
                   "parameters": [{ "name": "job", "in": "path", "required": true,
                                    "description": "上传时给出的上传编号", "schema": { "type": "string" } }],
                   "responses": { "200": json_response("进度", json!({ "type": "object", "properties": {
                        "stage": { "type": "string", "enum": ["reading", "ocr", "auditing"] },
                        "done": { "type": "integer", "description": "已完成文字识别的页数" },
                        "total": { "type": "integer", "description": "需要文字识别的页数（文本文件为 0）" },
                        "message": { "type": "string" } } })),
                                  "400": error_response("上传编号无效"),
                                  "404": error_response("没有正在读取的该上传（尚未开始或已完成）") } }
        },
        "/api/reports/{id}": {
          "get": { "summary": "报告摘要与结构化模型（每个单元格带出处）", "parameters": [id_param()],
                   "responses": { "200": json_response("报告", json!({ "type": "object",
                      "properties": { "summary": { "$ref": "#/components/schemas/ReportSummary" },
                                      "model": { "type": "object", "description": "与 `juesuan parse` 相同的模型" } } })),
                                  "404": error_response("未找到") } }
        },
        "/api/reports/{id}/findings": {
          "get": { "summary": "审核发现（按审核顺序；可按级别、规则筛选）",
                   "parameters": [id_param(), severity.clone(), rule.clone()],
                   "responses": { "200": json_response("审核发现", json!({ "type": "object",
                      "properties": { "findings": { "type": "array",
                        "items": { "$ref": "#/components/schemas/Finding" } } } })),
                                  "400": error_response("级别未知"),
                                  "404": error_response("未找到") } }
        },
        "/api/findings.csv": {
          "get": { "summary": "导出：全库审核发现（CSV，UTF-8 带 BOM；列：部门、年度、规则、级别、说明、位置、报告编号），边生成边发送",
                   "parameters": export_params,
                   "responses": { "200": { "description": "CSV 文件",
                                           "content": { "text/csv": { "schema": { "type": "string" } } } },
                                  "400": bad_filter.clone(),
                                  "503": error_response("正在生成的导出文件已达上限，稍后重试（见 Retry-After）") } }
        },
        "/api/reports/{id}/cells": {
          "get": { "summary": "全部数值单元格", "parameters": [id_param()],
                   "responses": { "200": json_response("单元格", json!({ "type": "object",
                      "properties": { "cells": { "type": "array",
                        "items": { "$ref": "#/components/schemas/Cell" } } } })),
                                  "404": error_response("未找到") } }
        },
        "/api/reports/{id}/coverage": {
          "get": { "summary": "审核覆盖情况：执行、不适用、缺少数据的规则", "parameters": [id_param()],
                   "responses": { "200": json_response("覆盖情况", json!({ "type": "object" })),
                                  "404": error_response("未找到") } }
        },
        "/api/departments": {
          "get": { "summary": "部门及其各年度报告（筛选同报告列表；没有符合条件报告的部门不列出；按部门键排序，分批返回）",
                   "parameters": departments_params,
                   "responses": { "200": json_response("部门", slice("departments", json!({ "type": "object",
                        "properties": { "key": { "type": "string" }, "name": { "type": "string" },
                          "reports": { "type": "array", "items": { "$ref": "#/components/schemas/ReportSummary" } } } }))),
                                  "400": bad_filter } }
        },
        "/api/departments/{key}/compare": {
          "get": { "summary": "同一部门跨年度逐单元格比较",
                   "parameters": [{ "name": "key", "in": "path", "required": true,
                                    "description": "部门键（规范化的部门名称）", "schema": { "type": "string" } }],
                   "responses": { "200": json_response("比较", json!({ "$ref": "#/components/schemas/Comparison" })),
                                  "404": error_response("未找到") } }
        },
        "/api/measures": {
          "get": { "summary": "可跨部门比较的指标（“三公”经费、机关运行经费等）",
                   "responses": { "200": json_response("指标列表", json!({ "type": "object",
                      "properties": { "measures": { "type": "array", "items": { "type": "object",
                        "properties": { "key": { "type": "string" }, "name": { "type": "string" },
                                        "source": { "type": "string" } } } } } })) } }
        },
        "/api/measures/{key}": {
          "get": { "summary": "一个指标跨部门比较（每份报告一行，可排序，分批返回；按数值排序时未披露的排在最后）",
                   "parameters": [
                     { "name": "key", "in": "path", "required": true, "description": "指标键，见 /api/measures",
                       "schema": { "type": "string" } },
                     { "name": "year", "in": "query", "required": false, "description": "只比较该年度的报告",
                       "schema": { "type": "integer" } },
                     { "name": "sort", "in": "query", "required": false, "description": "排序：department（默认）、year、value",
                       "schema": { "type": "string", "enum": ["department", "year", "value"] } },
                     { "name": "order", "in": "query", "required": false, "description": "desc 为降序",
                       "schema": { "type": "string", "enum": ["asc", "desc"] } },
                     limit, offset],
                   "responses": { "200": json_response("比较", json!({ "$ref": "#/components/schemas/MeasureComparison" })),
                                  "404": error_response("未知指标") } }
        },
        "/reports/{id}/cells.csv": {
          "get": { "summary": "导出：全部数字单元格（CSV，UTF-8 带 BOM）", "parameters": [id_param()],
                   "responses": { "200": { "description": "CSV 文件",
                                           "content": { "text/csv": { "schema": { "type": "string" } } } },
                                  "404": error_response("未找到") } }
        },
        "/reports/{id}/report.xlsx": {
          "get": { "summary": "导出：九张公开表（XLSX，每表一个工作表）", "parameters": [id_param()],
                   "responses": { "200": { "description": "XLSX 文件", "content": {
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                         { "schema": { "type": "string", "format": "binary" } } } },
                                  "404": error_response("未找到") } }
        },
        "/reports/{id}/disclosure.html": {
          "get": { "summary": "按公开格式生成的决算公开文本（HTML）", "parameters": [id_param()],
                   "responses": { "200": { "description": "HTML 文件",
                                           "content": { "text/html": { "schema": { "type": "string" } } } },
                                  "404": error_response("未找到") } }
        },
        "/api/openapi.json": {
          "get": { "summary": "本文档", "responses": { "200": { "description": "OpenAPI 文档" } } }
        }
      },
      "components": {
        "securitySchemes": { "token": { "type": "http", "scheme": "bearer",
            "description": "绑定非本机地址时，写入接口需要 JUESUAN_TOKEN" } },
        "schemas": {
          "MeasureComparison": { "type": "object", "properties": {
              "key": { "type": "string" }, "name": { "type": "string" },
              "year": { "type": "integer", "nullable": true },
              "total": { "type": "integer", "description": "参与比较的报告总数" },
              "limit": { "type": "integer" }, "offset": { "type": "integer" },
              "rows": { "type": "array", "items": { "type": "object", "properties": {
                "report_id": { "type": "string" }, "dept_key": { "type": "string" },
                "department": { "type": "string" }, "year": { "type": "integer", "nullable": true },
                "value": { "type": "string", "nullable": true, "description": "十进制字符串，万元" },
                "source": { "type": "string", "nullable": true, "description": "单元格地址或说明文字中的数字地址" },
                "line": { "type": "integer", "nullable": true } } } } } },
          "Error": { "type": "object", "properties": { "error": { "type": "string" } }, "required": ["error"] },
          "Counts": { "type": "object", "properties": {
              "errors": { "type": "integer" }, "warnings": { "type": "integer" }, "infos": { "type": "integer" } } },
          "ReportSummary": { "type": "object", "properties": {
              "id": { "type": "string" }, "content_hash": { "type": "string" },
              "source_name": { "type": "string" }, "byte_size": { "type": "integer" },
              "dept_key": { "type": "string" }, "department": { "type": "string" },
              "year": { "type": "integer", "nullable": true }, "profile": { "type": "string" },
              "unit": { "type": "string" }, "counts": { "$ref": "#/components/schemas/Counts" },
              "coverage": { "type": "object" }, "rulebook": { "type": "string" },
              "imported_at": { "type": "string", "format": "date-time" } } },
          "Upload": { "type": "object", "properties": {
              "id": { "type": "string" }, "status": { "type": "string", "enum": ["imported", "unchanged"] },
              "department": { "type": "string" }, "year": { "type": "integer", "nullable": true },
              "counts": { "$ref": "#/components/schemas/Counts" }, "url": { "type": "string" } } },
          "Finding": { "type": "object", "properties": {
              "seq": { "type": "integer" }, "rule": { "type": "string" },
              "severity": { "type": "string", "enum": ["error", "warning", "info"] },
              "message": { "type": "string" }, "primary": { "type": "string", "nullable": true },
              "line": { "type": "integer", "nullable": true }, "page": { "type": "integer", "nullable": true },
              "expected": { "type": "string", "nullable": true }, "actual": { "type": "string", "nullable": true },
              "difference": { "type": "string", "nullable": true }, "tolerance": { "type": "string", "nullable": true },
              "cells": { "type": "array", "items": { "type": "object", "properties": {
                  "addr": { "type": "string" }, "printed": { "type": "string", "nullable": true },
                  "line": { "type": "integer", "nullable": true } } } },
              "source_line": { "type": "string", "nullable": true } } },
          "Cell": { "type": "object", "properties": {
              "addr": { "type": "string", "example": "T02[2080101,C2]" }, "table": { "type": "string" },
              "row": { "type": "string" }, "column": { "type": "integer" },
              "value": { "type": "string", "example": "4657.90" }, "name": { "type": "string" },
              "line": { "type": "integer" }, "page": { "type": "integer", "nullable": true } } },
          "Comparison": { "type": "object", "properties": {
              "dept_key": { "type": "string" }, "department": { "type": "string" },
              "reports": { "type": "array", "items": { "$ref": "#/components/schemas/ReportSummary" } },
              "rows": { "type": "array", "items": { "type": "object", "properties": {
                  "addr": { "type": "string" }, "name": { "type": "string" },
                  "values": { "type": "array", "items": { "type": "string", "nullable": true } },
                  "changes": { "type": "array", "items": { "type": "string", "nullable": true } },
                  "changed": { "type": "boolean" } } } } } }
        }
      }
    })
}
