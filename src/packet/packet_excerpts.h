// The record side of an evidence packet: data/records/<archive path, '/' as "__">.csv for every
// record file the findings cite (its header and the cited rows, byte for byte: record_excerpts.h)
// and data/records/excerpts.txt ("file:line" of every row copied). Each finding gets the excerpt
// files holding its rows as evidence; a cited file that was not excerpted is a note on each
// finding citing it, saying why: not readable (packet_sources.h), a workbook (its rows are cells
// in zipped XML, not lines), or lines missing (the file changed since the audit).
#pragma once

#include <string>
#include <vector>

#include "src/packet/packet_payload.h"
#include "src/packet/packet_sources.h"
#include "src/packet/packet_summary.h"

namespace xk {

// Writes the excerpts of the rows `items` cite. Returns "" or an error (the bag could not be
// written).
std::string WriteRecordExcerpts(std::vector<PacketFinding>* items, PacketSources* sources, PacketPayload* payload);

}  // namespace xk
