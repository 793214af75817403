// A small world for the document tests, on real files: an archive folder (institutions.csv in
// GB18030 with Chinese headers, bureau/inspectors.csv in UTF-8), a real SQLite store with a
// completed audit's findings, two draws and the case events of one finding; and the tools to read
// what `xunkao document` wrote (the .docx unzipped with libzip, its XML parsed with expat, child
// processes such as soffice and chromium run with a timeout).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "src/cli/document_command.h"

namespace xk::doctest {

// The hostile name of PX02: markup, quotes, an XML CDATA end and control characters XML forbids.
inline constexpr const char* kHostileName = "<script>alert(\"x\")</script>&amp;]]>\x01\x0b'培训'";
// PX02's name as a document shows it: the control characters dropped.
inline constexpr const char* kHostileNameShown = "<script>alert(\"x\")</script>&amp;]]>'培训'";

struct World {
  std::filesystem::path dir;
  std::filesystem::path archive;
  std::filesystem::path db;
  std::string hours_finding;    // PX01 TRN-HOURS-SHORT: handed over, rectified, re-checked (pass)
  std::string proxy_finding;    // PX01 TRN-PROXY-SIGNIN: no case events
  std::string hostile_finding;  // PX02 TRN-ATTENDANCE-SHORT
  int64_t first_draw = 0;       // PX01 and PX02: 王明, 李华
  int64_t second_draw = 0;      // PX01: 赵强, 周杰 (the latest draw of PX01)
};

// Builds the world in a fresh folder named after the running test.
World MakeWorld(const std::string& tag);

// The options of `xunkao document KIND --institution CODE --db DB --out DIR/OUT` on the world.
DocumentOptions Options(const World& world, const std::string& kind, const std::string& institution,
                        const std::string& out = "out");

struct Outcome {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs RunDocumentCommand in this process, capturing what it prints.
Outcome RunDocument(const DocumentOptions& options);

// Every entry of a zip file, by name; nullopt when it cannot be opened as one.
std::optional<std::map<std::string, std::string>> ReadZip(const std::filesystem::path& path);

struct ParsedXml {
  bool well_formed = false;
  std::string error;  // expat's message and line
  std::string text;   // character data of w:t (paragraphs end in '\n', w:tab '\t', w:br '\n')
};
ParsedXml ParseXml(const std::string& xml);

std::string ReadText(const std::filesystem::path& path);
std::string Quote(const std::string& text);  // for /bin/sh

// Runs `command` through /bin/sh with `timeout -k 10 SECONDS`; returns the exit status (124 on
// timeout) and puts stdout+stderr into `output`.
int RunShell(const std::string& command, int seconds, std::string* output);

// Text with all white space removed: PDF text extraction breaks lines where the layout does.
std::string WithoutSpace(const std::string& text);

}  // namespace xk::doctest
