# core/data: dataset files → examples → token ids + labels. No LibTorch here (plain sources of
# peftdesk_core, outside the precompiled-header group).
