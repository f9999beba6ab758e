// See json_fields.h.
#include "tokenizer/json_fields.h"

namespace peftdesk::tok {

void JsonCtx::fail(const std::string& message, ErrorCategory category) const {
  ErrorContext c;
  c.file = file;
  c.field = path;
  throw Error(category, message, c);
}

std::string typeOf(const json& j) { return j.type_name(); }

const json& requireMember(const json& obj, const char* key, const JsonCtx& ctx) {
  if (!obj.is_object()) ctx.fail("expected an object, got " + typeOf(obj));
  auto it = obj.find(key);
  if (it == obj.end()) ctx.child(key).fail("missing required field");
  return *it;
}

std::string requireString(const json& obj, const char* key, const JsonCtx& ctx) {
  const json& v = requireMember(obj, key, ctx);
  if (!v.is_string()) ctx.child(key).fail("expected a string, got " + typeOf(v));
  return v.get<std::string>();
}

int64_t requireInt(const json& obj, const char* key, const JsonCtx& ctx) {
  const json& v = requireMember(obj, key, ctx);
  if (!v.is_number_integer()) ctx.child(key).fail("expected an integer, got " + typeOf(v));
  return v.get<int64_t>();
}

std::optional<std::string> optString(const json& obj, const char* key, const JsonCtx& ctx) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) ctx.child(key).fail("expected a string, got " + typeOf(*it));
  return it->get<std::string>();
}

std::optional<bool> optBoolMaybe(const json& obj, const char* key, const JsonCtx& ctx) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_boolean()) ctx.child(key).fail("expected true or false, got " + typeOf(*it));
  return it->get<bool>();
}

bool optBool(const json& obj, const char* key, bool def, const JsonCtx& ctx) {
  return optBoolMaybe(obj, key, ctx).value_or(def);
}

std::unordered_map<std::string, int32_t> parseTokenVocab(const json& vocab, const JsonCtx& vc) {
  if (!vocab.is_object()) vc.fail("expected an object mapping tokens to ids, got " + typeOf(vocab));
  std::unordered_map<std::string, int32_t> v;
  v.reserve(vocab.size() * 2);
  for (auto it = vocab.begin(); it != vocab.end(); ++it) {
    if (!it.value().is_number_integer()) vc.child(it.key()).fail("expected an integer id, got " + typeOf(it.value()));
    const int64_t id = it.value().get<int64_t>();
    if (id < 0 || id >= (int64_t{1} << 24)) vc.child(it.key()).fail("token id " + std::to_string(id) + " out of range");
    v.emplace(it.key(), static_cast<int32_t>(id));
  }
  return v;
}

}  // namespace peftdesk::tok
