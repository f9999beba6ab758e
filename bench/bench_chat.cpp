// C++ side of bench_chat.py: a multi-turn chat in token ids (each turn = the conversation so far
// + a new user message, then a greedy reply of fixed length), once with the keys and values kept
// between turns (Model::generate with a GenerationCache, what the Chat page does) and once
// processing the whole conversation again every turn. Prints JSON: seconds per turn and the ids.
//   bench_chat MODEL_DIR TURNS.txt REPLY_TOKENS [--threads N]
// TURNS.txt: one line per turn, the user message's ids separated by spaces.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "peftdesk/allocator_tuning.h"
#include "peftdesk/thread_sharing.h"
#include "peftdesk/model.h"

namespace {

struct ChatRun {
  std::vector<double> seconds;
  std::vector<int64_t> reused;
  std::vector<std::vector<int32_t>> replies;
};

ChatRun chat(const peftdesk::Model& model, const std::vector<std::vector<int32_t>>& turns, int replyTokens, bool keep) {
  peftdesk::GenerationOptions o;
  o.maxNewTokens = replyTokens;  // no stop ids: every reply has exactly this many tokens
  peftdesk::GenerationCache cache;
  std::vector<int32_t> conversation;
  ChatRun run;
  for (const auto& user : turns) {
    conversation.insert(conversation.end(), user.begin(), user.end());
    const auto t0 = std::chrono::steady_clock::now();
    const peftdesk::GenerationResult r = keep ? model.generate(conversation, o, {}, cache) : model.generate(conversation, o);
    run.seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    run.reused.push_back(r.reusedPromptTokens);
    run.replies.push_back(r.tokens);
    conversation.insert(conversation.end(), r.tokens.begin(), r.tokens.end());
  }
  return run;
}

void print(const char* name, const ChatRun& r, bool last) {
  std::printf("\"%s\": {\"seconds\": [", name);
  for (size_t i = 0; i < r.seconds.size(); ++i) std::printf("%s%.5f", i ? ", " : "", r.seconds[i]);
  std::printf("], \"reused\": [");
  for (size_t i = 0; i < r.reused.size(); ++i) std::printf("%s%lld", i ? ", " : "", static_cast<long long>(r.reused[i]));
  std::printf("], \"replies\": [");
  for (size_t i = 0; i < r.replies.size(); ++i) {
    std::printf("%s[", i ? ", " : "");
    for (size_t k = 0; k < r.replies[i].size(); ++k) std::printf("%s%d", k ? ", " : "", r.replies[i][k]);
    std::printf("]");
  }
  std::printf("]}%s", last ? "" : ", ");
}

}  // namespace

int main(int argc, char** argv) {
  peftdesk::shareCoresWithOtherWork(argv);  // as the application does
  peftdesk::tuneAllocatorForTensors();
  if (argc < 4) {
    std::fprintf(stderr, "usage: bench_chat MODEL_DIR TURNS.txt REPLY_TOKENS [--threads N]\n");
    return 2;
  }
  peftdesk::LoadOptions load;
  for (int i = 4; i + 1 < argc; ++i)
    if (!std::strcmp(argv[i], "--threads")) load.numThreads = std::atoi(argv[i + 1]);
  std::vector<std::vector<int32_t>> turns;
  std::ifstream in(argv[2]);
  for (std::string line; std::getline(in, line);) {
    std::istringstream ids(line);
    turns.emplace_back();
    for (int32_t id; ids >> id;) turns.back().push_back(id);
  }
  const int replyTokens = std::atoi(argv[3]);
  auto model = peftdesk::Model::load(argv[1], load);
  chat(*model, {turns.front()}, replyTokens, false);  // untimed warm-up (allocator, kernels)
  // Alternating order, twice; the faster total of each way is reported.
  ChatRun kept, fresh;
  double keptTotal = 1e30, freshTotal = 1e30;
  for (int round = 0; round < 2; ++round) {
    for (bool keep : {true, false}) {
      ChatRun r = chat(*model, turns, replyTokens, keep);
      double total = 0;
      for (double s : r.seconds) total += s;
      double& best = keep ? keptTotal : freshTotal;
      if (total < best) {
        best = total;
        (keep ? kept : fresh) = std::move(r);
      }
    }
  }
  std::printf("{");
  print("kept", kept, false);
  print("fresh", fresh, true);
  std::printf("}\n");
  return 0;
}
