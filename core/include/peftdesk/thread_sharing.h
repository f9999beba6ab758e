// How PeftDesk's compute threads share the machine with other work (decision 41). LibTorch's
// OpenMP threads (GNU libgomp) spin while they wait for the next parallel region unless told
// otherwise; beside one other busy process they burn the cores that process needs and each other's
// time slices (a 2-core CPU run fell to 30 % of its idle speed, a chat reply beside a training run
// to 25 %). Waiting passively (sleeping) shares instead. libgomp reads OMP_WAIT_POLICY once, when
// it is loaded — before main() runs — so setting it takes a fresh start of the process.
#pragma once

#include <string>

namespace peftdesk {

// Call first thing in main(). When OMP_WAIT_POLICY is not set, sets it to PASSIVE and starts this
// program again in place (execv of /proc/self/exe, same arguments and environment plus the
// setting); a user's own OMP_WAIT_POLICY (ACTIVE for a machine of its own) is kept. Returns when
// the policy is in effect, or when the fresh start failed (the process then runs as before).
void shareCoresWithOtherWork(char** argv);

// What --version and the About box say: "passive (PeftDesk's default)", "active (OMP_WAIT_POLICY)".
std::string ompWaitPolicyText();

}  // namespace peftdesk
