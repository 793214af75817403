// Rows of the classroom recording rules (TRN-VIDEO-*): the exam-centre video rules' checks
// applied to timetabled offline training sessions filmed by the classroom cameras, and the
// empty-room check. AQ 8011-2023 requires the filming from 2024-07-01; a session before that (or
// before the later day `classroom_video_from` sets) is not judged by them.
#include <fmt/format.h>

#include "detectors/rule_rows.h"

namespace xk {

namespace {

const char* kAqFilming =
    "AQ 8011-2023《安全生产培训机构基本条件》：线下培训应使用联网并可存储的摄像设备对培训过程全程录像，"
    "录像资料存档备查";

std::string FromDate(const AuditPolicy& p, bool zh) {
  return fmt::format("{} {}", zh ? "适用于课次日期≥" : "sessions from", p.classroom_video_from);
}

}  // namespace

void AppendClassroomVideoRows(std::vector<RuleRow>* rules) {
  std::vector<RuleRow> rows = {
      {RuleId::kTrnVideoMissing,
       "TRN-VIDEO-MISSING",
       "coverage",
       Severity::kHigh,
       "线下课次在教室摄像机没有任何录像",
       "a classroom camera has no recording for a timetabled offline session",
       {InForceFrom(kAq2023Date, kAqFilming)},
       {"classroom_video_from", "session_padding_seconds"},
       FromDate,
       false},
      {RuleId::kTrnVideoGap,
       "TRN-VIDEO-GAP",
       "coverage",
       Severity::kHigh,
       "线下课次内教室录像中断",
       "a stretch of an offline session not covered by classroom video",
       {InForceFrom(kAq2023Date, kAqFilming)},
       {"classroom_video_from", "gap_min_seconds", "session_padding_seconds"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("{} {} s；{}", zh ? "中断≥" : "gaps >=", p.gap_min_seconds, FromDate(p, zh));
       },
       false},
      {RuleId::kTrnVideoUnreadable,
       "TRN-VIDEO-UNREADABLE",
       "coverage",
       Severity::kHigh,
       "教室录像文件无法打开或解码",
       "a classroom recording that cannot be read",
       {InForceFrom(kAq2023Date, kAqFilming)},
       {"classroom_video_from"},
       FromDate,
       false},
      {RuleId::kTrnVideoBlack,
       "TRN-VIDEO-BLACK",
       "picture",
       Severity::kMedium,
       "线下课次内教室录像画面全黑（遮挡镜头、无信号、关灯）",
       "black classroom picture during an offline session",
       {InForceFrom(kAq2023Date, kAqFilming)},
       {"classroom_video_from", "black_min_seconds", "black_picture_ratio", "black_pixel_threshold"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("≥{} s，pic_th={}，pix_th={}；{}", p.black_min_seconds, p.black_picture_ratio,
                            p.black_pixel_threshold, FromDate(p, zh));
       },
       false},
      {RuleId::kTrnVideoFrozen,
       "TRN-VIDEO-FROZEN",
       "picture",
       Severity::kMedium,
       "线下课次内教室录像画面冻结",
       "frozen classroom picture during an offline session",
       {InForceFrom(kAq2023Date, kAqFilming)},
       {"classroom_video_from", "frozen_min_seconds", "frozen_noise_db"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("≥{} s，{} dB；{}", p.frozen_min_seconds, p.frozen_noise_db, FromDate(p, zh));
       },
       false},
      {RuleId::kTrnVideoReplay,
       "TRN-VIDEO-REPLAY",
       "picture",
       Severity::kHigh,
       "教室录像与其他时间或其他摄像机的录像重复（回放、复制）",
       "classroom footage that repeats other footage",
       {InForceFrom(kAq2023Date, kAqFilming)},
       {"classroom_video_from", "replay_min_seconds"},
       [](const AuditPolicy& p, bool zh) { return fmt::format("≥{} s；{}", p.replay_min_seconds, FromDate(p, zh)); },
       false},
      {RuleId::kTrnVideoEmptyRoom,
       "TRN-VIDEO-EMPTY-ROOM",
       "empty_room",
       Severity::kHigh,
       "有签到的线下课次，教室录像大部分时间无人（画面无超出噪声的运动）",
       "a classroom camera shows nobody for most of an offline session the sign-ins say was held",
       {InForceFrom(kAq2023Date, kAqFilming)},
       {"classroom_video_from", "empty_room_motion_ratio", "empty_room_still_share"},
       [](const AuditPolicy& p, bool zh) {
         return fmt::format("{} {:.2f}%；{} {:.0f}%；{}", zh ? "运动像素占比<" : "moving pixels <",
                            p.empty_room_motion_ratio * 100,
                            zh ? "静止采样≥" : "still samples >=", p.empty_room_still_share * 100, FromDate(p, zh));
       },
       false},
  };
  for (RuleRow& row : rows) rules->push_back(std::move(row));
}

}  // namespace xk
