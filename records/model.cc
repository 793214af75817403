#include "records/model.h"

#include "records/csv/text.h"

namespace xk {

std::string PersonKey(const std::string& id_as_written) {
  return UpperAscii(Trim(FoldFullWidth(id_as_written)));
}

}  // namespace xk
