// Loads every record of an archive (archive.md "Layout") into the model: institutions.csv, then
// training/<code>/*.csv and exams/<code>/*.csv for each institution. Never throws on bad input: a
// missing file becomes a MissingFile, a bad row or value a LoadIssue, and the rest still loads.
#pragma once

#include <filesystem>

#include "records/model.h"
#include "records/policy.h"

namespace xk {

ArchiveModel LoadArchiveRecords(const std::filesystem::path& root, const AuditPolicy& policy);

// institutions.csv (or .xlsx) alone: the scope of an audit, and the pool of a draw.
void LoadInstitutions(const std::filesystem::path& root, const AuditPolicy& policy, ArchiveModel* model);

// Per-folder loaders (used by LoadArchiveRecords; exposed for tests).
void LoadTrainingFolder(const std::filesystem::path& root, const std::string& code, const AuditPolicy& policy,
                        ArchiveModel* model);
// <folder>/cameras.csv (required or not) and the optional <folder>/recordings.csv, of an exam
// centre ("exams/KS01": its rooms) or a training institution ("training/PX01": its classrooms).
void LoadCameraTables(const std::filesystem::path& root, const std::string& folder, const std::string& code,
                      bool cameras_required, const AuditPolicy& policy, ArchiveModel* model);
void LoadExamFolder(const std::filesystem::path& root, const std::string& code, const AuditPolicy& policy,
                    ArchiveModel* model);

// bureau/certificates.csv (optional), the register of certificates: part of the audit
// (LoadArchiveRecords reads it), for the certificate rules.
void LoadCertificates(const std::filesystem::path& root, const AuditPolicy& policy, ArchiveModel* model);

// bureau/inspectors.csv (required: without it a MissingFile) and bureau/priority.csv (optional),
// the bureau's own tables (cycle.md "bureau/"), read like the others (.xlsx twin, both encodings,
// Chinese or English headers, ArchiveRoot's limits). Not part of LoadArchiveRecords: the audit
// does not need them.
void LoadBureauFolder(const std::filesystem::path& root, const AuditPolicy& policy, ArchiveModel* model);

}  // namespace xk
