target_sources(peftdesk_core PRIVATE)
