#!/usr/bin/env python3
"""What huggingface_hub itself sees in a hub cache folder (test_model_cache's reference):
scan_cache_dir(DIR) as JSON on stdout — per model repository its id and, per revision, the commit,
the refs pointing at it, the file names and size_on_disk — plus the warnings it raised."""
import json
import sys

from huggingface_hub import scan_cache_dir


def main():
    info = scan_cache_dir(sys.argv[1])
    repos = []
    for repo in sorted(info.repos, key=lambda r: r.repo_id):
        repos.append({
            "repo_id": repo.repo_id,
            "repo_type": repo.repo_type,
            "revisions": sorted(({"commit_hash": rev.commit_hash, "refs": sorted(rev.refs),
                                  "files": sorted(f.file_name for f in rev.files),
                                  "size_on_disk": rev.size_on_disk} for rev in repo.revisions),
                                key=lambda r: r["commit_hash"]),
        })
    json.dump({"repos": repos, "warnings": [str(w) for w in info.warnings]}, sys.stdout, indent=1)


if __name__ == "__main__":
    sys.exit(main())
