#include "src/packet/packet_builder.h"

#include <fmt/format.h>

#include <ctime>
#include <nlohmann/json.hpp>
#include <system_error>

#include "records/finding_json.h"
#include "records/half_year.h"
#include "records/store/media_store.h"
#include "src/packet/bagit_writer.h"
#include "src/packet/packet_excerpts.h"
#include "src/packet/packet_payload.h"
#include "src/packet/packet_selection.h"
#include "src/packet/packet_sources.h"
#include "src/packet/packet_summary.h"
#include "src/packet/packet_video.h"
#include "src/packet/safe_path.h"
#include "version.h"

namespace xk {

namespace fs = std::filesystem;

namespace {

// Fills the archive evidence's SHA-256 where the audit left it empty; notes any that changed.
void CheckEvidenceHashes(const PacketSources& sources, std::vector<PacketFinding>* items) {
  for (auto& item : *items) {
    for (auto& evidence : item.stored.finding.evidence) {
      const SourceFile* source = sources.Find(evidence.path);
      if (source == nullptr || !source->problem.empty()) continue;
      if (evidence.sha256.empty()) {
        evidence.sha256 = source->sha256;
      } else if (evidence.sha256 != source->sha256) {
        AddNote(&item, fmt::format("证据文件 {} 的 SHA-256 与审计时记录的不同：审计后文件已变更", evidence.path));
      }
    }
  }
}

// data/findings.json: the findings as the packet holds them (evidence extended), with their status.
std::string FindingsJson(const PacketRequest& request, const std::vector<PacketFinding>& items) {
  nlohmann::json findings = nlohmann::json::array();
  for (const auto& item : items) {
    nlohmann::json json = FindingToJson(item.stored.finding, request.zone);
    json["status"] = item.stored.resolved_run ? "resolved" : "open";
    json["first_run"] = item.stored.first_run;
    json["last_run"] = item.stored.last_run;
    findings.push_back(std::move(json));
  }
  nlohmann::json packet = {
      {"institution", request.institution ? nlohmann::json(*request.institution) : nlohmann::json(nullptr)},
      {"period", request.period ? nlohmann::json(*request.period) : nlohmann::json(nullptr)}};
  nlohmann::json document = {
      {"tool", {{"name", "xunkao"}, {"version", kVersion}}}, {"packet", packet}, {"findings", findings}};
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// Writes the whole payload into `bag`: the record excerpts, the stills, clips and timelines,
// then (every file the packet used now known) sources.txt, findings.json and summary.html.
// Returns "" or an error.
std::string WritePayload(store::AuditStore& store, const PacketRequest& request,
                         std::vector<store::StoredFinding> findings, BagWriter& bag) {
  PacketCatalog catalog;
  for (auto& [path, facts] : store::LoadMediaCatalog(store.db())) catalog.emplace(path, std::move(facts));
  PacketSources sources(request.archive_root, request.zone, catalog);
  PacketPayload payload(bag);
  std::vector<PacketFinding> items;
  for (auto& stored : findings) {
    PacketFinding item;
    item.stored = std::move(stored);
    items.push_back(std::move(item));
  }
  for (auto& item : items) {
    for (const auto& row : item.stored.finding.rows) sources.Use(row.file);
    if (item.stored.finding.file) sources.Use(*item.stored.finding.file);
    for (const auto& evidence : item.stored.finding.evidence) sources.Use(evidence.path);
  }
  if (std::string error = WriteRecordExcerpts(&items, &sources, &payload); !error.empty()) return error;
  PacketVideoEvidence video(catalog, &sources, &payload, request.zone);
  for (auto& item : items) {
    if (std::string error = video.Add(&item); !error.empty()) return error;
  }
  if (std::string error = video.WriteTimelines(); !error.empty()) return error;
  CheckEvidenceHashes(sources, &items);

  std::vector<SourceFile> used = sources.List();
  if (std::string error = bag.AddFile("sources.txt", SourcesText(used)); !error.empty()) return error;
  if (std::string error = bag.AddFile("findings.json", FindingsJson(request, items)); !error.empty()) return error;
  PacketSummaryInput summary;
  summary.institution = request.institution;
  summary.period = request.period;
  summary.tool_version = kVersion;
  summary.findings = std::move(items);
  summary.sources = std::move(used);
  summary.zone = request.zone;
  return bag.AddFile("summary.html", RenderPacketSummary(summary));
}

void RemoveQuietly(const fs::path& path) {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

}  // namespace

PacketResult BuildPacket(store::AuditStore& store, const PacketRequest& request) {
  PacketResult result;
  std::vector<store::StoredFinding> findings;
  if (std::string error = SelectFindings(store, request, &findings); !error.empty()) {
    result.status = Status::Usage(error);
    return result;
  }
  PlaceKnockOnsAfterCauses(&findings);
  for (const auto& stored : findings) result.finding_ids.push_back(stored.id);

  const std::string name = "xunkao-packet-" + SafeComponent(request.institution.value_or("findings"), 60) + "-" +
                           SafeComponent(request.period.value_or(result.finding_ids.front()), 60);
  std::error_code code;
  fs::create_directories(request.out_dir, code);
  if (code) {
    result.status =
        Status::CannotComplete(request.out_dir.string() + ": cannot create the output folder: " + code.message());
    return result;
  }
  const fs::path final_dir = request.out_dir / name;
  const fs::path staging = request.out_dir / ("." + name + ".partial");
  RemoveQuietly(staging);  // left by a build that was killed

  try {
    BagWriter bag;
    std::string error = bag.Open(staging);
    if (error.empty()) {
      error = WritePayload(store, request, std::move(findings), bag);
    }
    const Instant now = CurrentInstant();
    if (error.empty()) {
      BagInfo info;
      info.source_organization = request.source_organization;
      info.bagging_date = FormatDate(LocalDate(now, request.zone));
      info.external_identifiers = result.finding_ids;
      info.extra.emplace_back("Internal-Sender-Description", "训考审计证据包 (xunkao evidence packet)");
      info.extra.emplace_back("X-Xunkao-Version", kVersion);
      if (auto run = store.LastCompletedRun()) info.extra.emplace_back("X-Xunkao-Run", std::to_string(run->id));
      if (request.institution) info.extra.emplace_back("X-Xunkao-Institution", *request.institution);
      if (request.period) info.extra.emplace_back("X-Xunkao-Period", *request.period);
      error = bag.Finish(info);
    }
    if (error.empty() && fs::exists(fs::symlink_status(final_dir))) {
      if (fs::is_directory(fs::symlink_status(final_dir)) && fs::exists(final_dir / "bagit.txt")) {
        fs::remove_all(final_dir);  // an earlier build of the same packet
      } else {
        error = final_dir.string() + ": exists and is not an evidence packet; move it away first";
      }
    }
    if (!error.empty()) {
      RemoveQuietly(staging);
      result.status = Status::CannotComplete(error);
      return result;
    }
    fs::rename(staging, final_dir);
    result.bag = final_dir;

    if (request.zip) {
      const fs::path zip_path = request.out_dir / (name + ".zip");
      const fs::path zip_staging = request.out_dir / ("." + name + ".zip.partial");
      RemoveQuietly(zip_staging);
      if (std::string zip_error = WriteBagZip(final_dir, zip_staging); !zip_error.empty()) {
        RemoveQuietly(zip_staging);
        result.status = Status::CannotComplete(zip_error);  // the bag itself is complete
        return result;
      }
      fs::rename(zip_staging, zip_path);
      result.zip = zip_path;
    }
    // A packet counts for the inspection table in the half-year it covers, else the one it was made in.
    std::optional<std::string> period = request.period;
    if (!period && request.institution) period = HalfYear::Of(LocalDate(now, request.zone)).Label();
    store.RecordPacket(FormatInstant(now, request.zone), fs::absolute(final_dir).string(), request.institution, period,
                       result.finding_ids);
  } catch (const std::exception& failure) {
    RemoveQuietly(staging);
    result.status = Status::CannotComplete(std::string("building the packet failed: ") + failure.what());
  }
  return result;
}

}  // namespace xk
