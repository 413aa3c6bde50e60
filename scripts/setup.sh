#!/usr/bin/env bash
# Installs the Debian packages juesuan's readers and tests use, when missing.
# Idempotent; safe to run on every CI start.
set -euo pipefail
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# Scanned PDFs: Tesseract with its simplified-Chinese data.
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
[ -e /usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata ] || ls /usr/share/tesseract-ocr/*/tessdata/chi_sim.traineddata >/dev/null 2>&1 || need+=(tesseract-ocr-chi-sim)
# The OCR tests build scanned PDFs from rendered pages.
command -v img2pdf >/dev/null 2>&1 || need+=(img2pdf)
# Rendering PDF: headless Chromium with a TrueType CJK font (embedded as CID TrueType).
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'WenQuanYi Zen Hei' || need+=(fonts-wqy-zenhei)
# A 宋体-style TrueType face for `render --font` (the serif PDF test).
[ -e /usr/share/fonts/truetype/arphic/uming.ttc ] || need+=(fonts-arphic-uming)
# The store tests' second backend: a local PostgreSQL server (.ci/run starts it).
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
if ((${#need[@]})); then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
