#include "src/person/person_text.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "detectors/hours_math.h"
#include "records/enum_names.h"
#include "records/text_escape.h"

namespace xk {
namespace {

using Json = nlohmann::ordered_json;

std::string Where(const SourceRef& source) { return fmt::format("{}:{}", source.file.str(), source.line); }

Json WhereJson(const SourceRef& source) { return Json{{"file", source.file.str()}, {"line", source.line}}; }

std::string TimeOrDash(const std::optional<Instant>& instant, const TimeZone& zone) {
  return instant ? FormatLocalTime(*instant, zone) : "—";
}

std::string ClassLine(const PersonClass& c) {
  std::string line = fmt::format("  {} 班级 {}", c.institution, c.class_id);
  if (const TrainingClass* tc = c.training_class) {
    line += fmt::format(" {}", ChineseName(tc->category));
    if (!tc->job_type.empty()) line += " " + tc->job_type;
    line += fmt::format(" {} 至 {}", FormatDate(tc->start_date), FormatDate(tc->end_date));
  } else {
    line += "（班级表中没有此班）";
  }
  line += c.roster_row ? fmt::format(" · 结业 {}", c.roster_row->completed ? "是" : "否") : " · 花名册中没有此人";
  line += fmt::format(" · 学时 要求 {} 签到 {}", c.required_hours ? FormatHours(*c.required_hours) : "—",
                      FormatHours(c.attended_hours));
  if (c.roster_row) line += "   " + Where(c.roster_row->source);
  return line + "\n";
}

std::string SessionLine(const PersonSession& s, const TimeZone& zone) {
  std::string line;
  if (const TrainingSession* ts = s.session) {
    line = fmt::format("    {} {}-{} {} {} {}", FormatDate(ts->date), FormatLocalTime(ts->start, zone),
                       FormatLocalTime(ts->end, zone), s.session_id, ChineseName(ts->mode), ts->topic);
  } else {
    line = fmt::format("    {}（课表中没有此课次）", s.session_id);
  }
  if (s.sign_ins.empty()) return line + " · 未签到\n";
  for (const Attendance* a : s.sign_ins) {
    line += fmt::format(" · 签到 {}-{}", FormatLocalTime(a->check_in, zone), TimeOrDash(a->check_out, zone));
  }
  line += fmt::format(" · {} 学时   {}", FormatHours(s.attended_hours), Where(s.sign_ins.front()->source));
  return line + "\n";
}

std::string ExamLine(const PersonExam& e, const TimeZone& zone) {
  const Candidate& c = *e.candidate;
  std::string line = fmt::format("  {} 场次 {}", c.institution, c.session_id);
  if (e.start) line += " " + FormatLocal(*e.start, zone).substr(0, 16);
  if (e.planned) {
    line += fmt::format(" {}", ChineseName(e.planned->mode));
    if (!e.planned->subject.empty()) line += " " + e.planned->subject;
  }
  if (c.attempt) line += fmt::format(" · 第 {} 次", *c.attempt);
  line += fmt::format(" · 成绩 {} {}", c.score_text.empty() ? "—" : c.score_text,
                      c.passed ? (*c.passed ? "合格" : "不合格") : c.result_text);
  if (c.started || c.submitted)
    line += fmt::format(" · 开考 {} 交卷 {}", TimeOrDash(c.started, zone), TimeOrDash(c.submitted, zone));
  if (!c.training_institution.empty()) line += fmt::format(" · 培训 {} {}", c.training_institution, c.class_id);
  return line + "   " + Where(c.source) + "\n";
}

std::string CertificateLine(const Certificate& c) {
  std::string line = fmt::format("  {} {}", c.cert_no, ChineseName(c.kind));
  if (c.category) line += fmt::format(" {}", ChineseName(*c.category));
  if (!c.job_type.empty()) line += " " + c.job_type;
  line += " · 发证 " + FormatDate(c.issue_date);
  if (c.valid_until) line += " 有效期至 " + FormatDate(*c.valid_until);
  line += " · 复审 " + (c.last_review ? FormatDate(*c.last_review) : std::string("—"));
  if (c.review_extended) line += "（延期复审）";
  line += fmt::format(" · {}", ChineseName(c.status));
  return line + "   " + Where(c.source) + "\n";
}

std::vector<const store::StoredFinding*> Naming(const std::vector<store::StoredFinding>& findings,
                                                const std::string& key) {
  std::vector<const store::StoredFinding*> naming;
  for (const auto& s : findings) {
    if (NamesPerson(s.finding, key)) naming.push_back(&s);
  }
  return naming;
}

const char* StatusZh(store::FindingStatus status) {
  switch (status) {
    case store::FindingStatus::kNew:
      return "新发现";
    case store::FindingStatus::kPersisting:
      return "仍存在";
    case store::FindingStatus::kResolved:
      return "不再发现";
    case store::FindingStatus::kOpen:
      return "未消除";
  }
  return "";
}

}  // namespace

bool NamesPerson(const Finding& finding, const std::string& key) {
  if (finding.trainee_id && PersonKey(*finding.trainee_id) == key) return true;
  for (const std::string& person : finding.people) {
    if (PersonKey(person) == key) return true;
  }
  return false;
}

std::string PersonChainText(const std::string& id_as_given, const PersonChain& chain,
                            const std::vector<store::StoredFinding>& findings, const TimeZone& zone) {
  std::string text = fmt::format("人员 {} {}\n", id_as_given, chain.name.empty() ? "（记录中无姓名）" : chain.name);
  text += fmt::format("一、培训（{} 个班）\n", chain.classes.size());
  for (const PersonClass& c : chain.classes) {
    text += ClassLine(c);
    for (const PersonSession& s : c.sessions) text += SessionLine(s, zone);
  }
  text += fmt::format("二、考试（{} 场）\n", chain.exams.size());
  for (const PersonExam& e : chain.exams) text += ExamLine(e, zone);
  text += fmt::format("三、证书（{} 本）\n", chain.certificates.size());
  for (const Certificate* c : chain.certificates) text += CertificateLine(*c);
  auto naming = Naming(findings, chain.key);
  text += fmt::format("四、涉及此人的问题（{} 项）\n", naming.size());
  for (const store::StoredFinding* s : naming) {
    text += fmt::format("  [{}] {} {} #{} {} {}\n", SeverityZh(s->finding.severity), s->finding.rule,
                        s->finding.institution, s->id, StatusZh(s->status), s->finding.summary_zh);
  }
  return TerminalText(text);
}

std::string PersonChainJson(const std::string& id_as_given, const PersonChain& chain,
                            const std::vector<store::StoredFinding>& findings, const TimeZone& zone) {
  Json root{{"id", id_as_given}, {"key", chain.key}, {"name", chain.name}};
  Json classes = Json::array();
  for (const PersonClass& c : chain.classes) {
    Json entry{{"institution", c.institution}, {"class_id", c.class_id}};
    if (const TrainingClass* tc = c.training_class) {
      entry["category"] = Token(tc->category);
      entry["job_type"] = tc->job_type;
      entry["start_date"] = FormatDate(tc->start_date);
      entry["end_date"] = FormatDate(tc->end_date);
    }
    entry["completed"] = c.roster_row ? Json(c.roster_row->completed) : Json(nullptr);
    entry["roster_row"] = c.roster_row ? WhereJson(c.roster_row->source) : Json(nullptr);
    entry["required_hours"] = c.required_hours ? Json(*c.required_hours) : Json(nullptr);
    entry["attended_hours"] = c.attended_hours;
    Json sessions = Json::array();
    for (const PersonSession& s : c.sessions) {
      Json session{{"session_id", s.session_id}, {"attended_hours", s.attended_hours}};
      if (const TrainingSession* ts = s.session) {
        session["start"] = FormatInstant(ts->start, zone);
        session["end"] = FormatInstant(ts->end, zone);
        session["mode"] = Token(ts->mode);
        session["topic"] = ts->topic;
      }
      Json sign_ins = Json::array();
      for (const Attendance* a : s.sign_ins) {
        sign_ins.push_back(Json{{"check_in", FormatInstant(a->check_in, zone)},
                                {"check_out", a->check_out ? Json(FormatInstant(*a->check_out, zone)) : Json(nullptr)},
                                {"row", WhereJson(a->source)}});
      }
      session["sign_ins"] = std::move(sign_ins);
      sessions.push_back(std::move(session));
    }
    entry["sessions"] = std::move(sessions);
    classes.push_back(std::move(entry));
  }
  root["classes"] = std::move(classes);
  Json exams = Json::array();
  for (const PersonExam& e : chain.exams) {
    const Candidate& c = *e.candidate;
    Json exam{{"centre", c.institution}, {"session_id", c.session_id}};
    exam["start"] = e.start ? Json(FormatInstant(*e.start, zone)) : Json(nullptr);
    exam["mode"] = e.planned ? Json(Token(e.planned->mode)) : Json(nullptr);
    exam["subject"] = e.planned ? Json(e.planned->subject) : Json(nullptr);
    exam["attempt"] = c.attempt ? Json(*c.attempt) : Json(nullptr);
    exam["score"] = c.score_text;
    exam["passed"] = c.passed ? Json(*c.passed) : Json(nullptr);
    exam["started"] = c.started ? Json(FormatInstant(*c.started, zone)) : Json(nullptr);
    exam["submitted"] = c.submitted ? Json(FormatInstant(*c.submitted, zone)) : Json(nullptr);
    exam["training_institution"] = c.training_institution;
    exam["class_id"] = c.class_id;
    exam["row"] = WhereJson(c.source);
    exams.push_back(std::move(exam));
  }
  root["exams"] = std::move(exams);
  Json certificates = Json::array();
  for (const Certificate* c : chain.certificates) {
    certificates.push_back(Json{
        {"cert_no", c->cert_no},
        {"kind", ChineseName(c->kind)},
        {"job_type", c->job_type},
        {"issue_date", FormatDate(c->issue_date)},
        {"valid_until", c->valid_until ? Json(FormatDate(*c->valid_until)) : Json(nullptr)},
        {"last_review", c->last_review ? Json(FormatDate(*c->last_review)) : Json(nullptr)},
        {"status", ChineseName(c->status)},
        {"row", WhereJson(c->source)},
    });
  }
  root["certificates"] = std::move(certificates);
  Json named = Json::array();
  for (const store::StoredFinding* s : Naming(findings, chain.key)) {
    named.push_back(Json{{"id", s->id},
                         {"rule", s->finding.rule},
                         {"severity", SeverityName(s->finding.severity)},
                         {"status", store::FindingStatusName(s->status)},
                         {"institution", s->finding.institution},
                         {"summary_zh", s->finding.summary_zh}});
  }
  root["findings"] = std::move(named);
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace xk
