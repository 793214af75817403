#include "src/packet/packet_payload.h"

#include <algorithm>

#include "records/hashing.h"

namespace xk {

std::string PacketPayload::UniqueName(const std::string& folder, const std::string& stem, const std::string& extension,
                                      const std::string& origin) {
  std::string name = folder + "/" + stem + extension;
  if (used_names_.count(name)) name = folder + "/" + stem + "-" + Sha256Hex(origin).substr(0, 8) + extension;
  for (int n = 2; used_names_.count(name); ++n) name = folder + "/" + stem + "-" + std::to_string(n) + extension;
  used_names_.insert(name);
  return name;
}

std::string PacketPayload::AddFindingFile(PacketFinding* item, std::vector<PacketFile>* list, const std::string& path,
                                          const std::string& what, std::string_view bytes) {
  if (std::string error = bag_.AddFile(path, bytes); !error.empty()) return error;
  list->push_back(PacketFile{path, what});
  item->stored.finding.evidence.push_back(Evidence{"data/" + path, Sha256Hex(bytes), what});
  return "";
}

void AddNote(PacketFinding* item, const std::string& note) {
  if (std::find(item->notes.begin(), item->notes.end(), note) == item->notes.end()) item->notes.push_back(note);
}

}  // namespace xk
