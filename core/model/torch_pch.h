// Precompiled header for the LibTorch translation units of peftdesk_core (see core/CMakeLists.txt).
#pragma once
#include <ATen/ATen.h>
#include <c10/core/GradMode.h>
#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>
