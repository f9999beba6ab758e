// Median wall time of a callable over N runs, shared by the C++ benchmarks.
#pragma once

#include <algorithm>
#include <chrono>
#include <vector>

template <typename F>
double medianSeconds(int repeats, F&& f) {
  std::vector<double> t;
  for (int r = 0; r < repeats; ++r) {
    const auto a = std::chrono::steady_clock::now();
    f();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}
