# core/train: run configuration, LR schedules, optimizer, trainer loop, checkpoints and resume.
