#!/usr/bin/env bash
# Builds the libFuzzer targets of tools/fuzz with clang (ASan + UBSan) and runs each for a while.
#   bash tools/fuzz/run.sh [SECONDS_EACH (default 120)] [OUT_DIR (default /tmp/xunkao-fuzz)]
# Corpora and any crash reproducers stay in OUT_DIR/<target>/. Not part of the test suite: a
# finding here becomes a regression test in tests/ once fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-120}"
out="${2:-/tmp/xunkao-fuzz}"
mkdir -p "$out/bin"
flags=(-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I. -I/usr/include)

records_sources=(records/archive_loader.cc records/training_loader.cc records/exam_loader.cc records/table_opener.cc
                 records/civil_time.cc records/enum_names.cc records/model.cc records/resident_id.cc
                 records/csv/*.cc)
clang++ "${flags[@]}" tools/fuzz/records_fuzz.cc "${records_sources[@]}" -lfmt -lexpat -lzip -o "$out/bin/records_fuzz"
clang++ "${flags[@]}" tools/fuzz/media_headers_fuzz.cc src/media/ps_timestamps.cc src/media/mp4_boxes.cc \
  src/media/read_only_file.cc -o "$out/bin/media_headers_fuzz"

# Seeds: real tables of the test suite's shapes, a workbook (tools/fuzz/seeds, written by
# tests/records/xlsx_test.cc), and the start of a real MPEG-PS and MP4.
mkdir -p "$out/records_fuzz/corpus" "$out/media_headers_fuzz/corpus"
printf '\x00class_id,category,cycle,start_date,end_date\nC1,safety_manager,initial,2022-04-06,2022-04-11\n' \
  > "$out/records_fuzz/corpus/classes"
printf '\x02班级编号,课次,身份证号,签到时间\nC1,1,11010519491231002X,2022年4月6日 ０８：２５\n' \
  > "$out/records_fuzz/corpus/attendance"
{ printf '\x00'; cat tools/fuzz/seeds/classes.xlsx; } > "$out/records_fuzz/corpus/classes.xlsx"
printf '\x00\x00\x01\xba\x44\x00\x04\x00\x04\x01\x01\x89\xc3\xf8\x00\x00\x01\xe0\x00\x10\x80\x80\x05\x21\x00\x01\x00\x01\x00\x00\x00\x01\x09\x10' \
  > "$out/media_headers_fuzz/corpus/ps"
printf '\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2\x00\x00\x00\x08free\x00\x00\x00\x10mdat01234567' \
  > "$out/media_headers_fuzz/corpus/mp4"

status=0
for target in records_fuzz media_headers_fuzz; do
  echo "== $target: ${seconds} s"
  (cd "$out/$target" && "$out/bin/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
      -print_final_stats=1 corpus) 2>&1 | tail -12 || status=1
done
exit $status
