// What `xunkao person` prints for one person: the chain (classes with sessions and hours, exams
// with results, certificates), each line with the record row it comes from, then every finding of
// the last audit that names the person. As text for an officer, or as JSON.
#pragma once

#include <string>
#include <vector>

#include "records/civil_time.h"
#include "records/store/audit_store.h"
#include "src/person/person_chain.h"

namespace xk {

// True when the finding names the person (its trainee or one of its people) by PersonKey `key`.
bool NamesPerson(const Finding& finding, const std::string& key);

std::string PersonChainText(const std::string& id_as_given, const PersonChain& chain,
                            const std::vector<store::StoredFinding>& findings, const TimeZone& zone);
std::string PersonChainJson(const std::string& id_as_given, const PersonChain& chain,
                            const std::vector<store::StoredFinding>& findings, const TimeZone& zone);

}  // namespace xk
