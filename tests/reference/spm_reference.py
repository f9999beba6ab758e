"""Reference ids for a bare SentencePiece tokenizer.model, as the Llama family defines them.

transformers 4.x had a "slow" LlamaTokenizer that ran the SentencePiece model itself; transformers 5
dropped it (LlamaTokenizer(vocab_file=...) now builds an empty tokenizer and LlamaTokenizer.from_pretrained
rebuilds a different pipeline), so the rules it followed are written down here on top of the
`sentencepiece` library, and make_tokenizer_vectors.py uses them for the tokenizer.model entries.
Compared once with the vectors transformers 4.57.1 wrote (every id and decoded string equal; one-off,
2026-12-03, the project's 2-core build machine, a /tmp script over both stacks' vectors.json).

The rules (Llama's <unk> = 0, <s> = 1, </s> = 2 are the only special pieces):
- Text is cut at the special pieces, which map to their ids; every other stretch is encoded alone.
- legacy=True: each stretch goes through the model as is, so the model's dummy prefix "▁" is added
  to every stretch (also after a special piece: "<s> hi" gives "▁▁hi").
- legacy=False: the model's dummy prefix is switched off; "▁" in the text is read as a space, one "▁"
  is put in front of the whole text (when add_prefix_space), and a stretch that starts with a space is
  encoded behind "<unk>" whose pieces are then dropped (so the space is not merged as a prefix). A lone
  leading "▁" right before a special piece is dropped.
- add_special_tokens puts <s> in front (add_bos) and </s> at the end (add_eos).
- Decoding: special pieces are written as their text (with a space before one that follows ordinary
  pieces, in legacy mode), the rest through the model's decoder; the prefix "▁" added on encoding is
  taken off the first piece.
"""
import re

import sentencepiece as spm
from sentencepiece import sentencepiece_model_pb2

SPACE_PIECE = "\u2581"
SPECIAL_PIECES = {"<unk>": 0, "<s>": 1, "</s>": 2}
_SPECIAL_SPLIT = re.compile("(" + "|".join(re.escape(p) for p in SPECIAL_PIECES) + ")")


class SentencePieceLlama:
    unk_token_id, bos_token_id, eos_token_id, pad_token_id = 0, 1, 2, None

    def __init__(self, model_file, legacy=True, add_prefix_space=True, add_bos=True, add_eos=False):
        self.legacy = legacy
        self.add_prefix_space = add_prefix_space
        self.add_bos, self.add_eos = add_bos, add_eos
        self.sp = spm.SentencePieceProcessor()
        with open(model_file, "rb") as f:
            proto = sentencepiece_model_pb2.ModelProto.FromString(f.read())
        if not legacy:
            proto.normalizer_spec.add_dummy_prefix = False
        self.sp.LoadFromSerializedProto(proto.SerializeToString())
        self._unk_pieces = len(self.sp.encode("<unk>", out_type=str))

    def __len__(self):
        return self.sp.get_piece_size()

    def _stretch(self, text):
        """Pieces of a stretch of text without special pieces."""
        if self.legacy or not text.startswith((SPACE_PIECE, " ")):
            return self.sp.encode(text, out_type=str)
        pieces = self.sp.encode("<unk>" + text, out_type=str)
        return pieces[self._unk_pieces:] if len(pieces) >= self._unk_pieces else pieces

    def pieces(self, text):
        if not self.legacy and text:
            text = text.replace(SPACE_PIECE, " ")
            if self.add_prefix_space:
                text = SPACE_PIECE + text
        out = []
        for part in _SPECIAL_SPLIT.split(text):
            if part in SPECIAL_PIECES:
                out.append(part)
            elif part:
                out.extend(self._stretch(part))
        if not self.legacy and len(out) > 1 and out[0] == SPACE_PIECE and out[1] in SPECIAL_PIECES:
            out = out[1:]
        return out

    def encode(self, text, add_special_tokens):
        ids = [self.sp.piece_to_id(p) for p in self.pieces(text)]
        if add_special_tokens:
            ids = [self.bos_token_id] * self.add_bos + ids + [self.eos_token_id] * self.add_eos
        return ids

    def decode(self, ids, skip_special_tokens):
        pieces = [self.sp.id_to_piece(i) for i in ids]
        if skip_special_tokens:
            pieces = [p for p in pieces if p not in SPECIAL_PIECES]
        if not pieces:
            return ""
        if self.add_prefix_space and pieces[0].startswith(SPACE_PIECE):
            pieces[0] = pieces[0][1:]
        text, run, after_special = "", [], False
        for i, piece in enumerate(pieces):
            if piece in SPECIAL_PIECES:
                if self.legacy and i > 0 and not after_special:
                    text += " "
                text += self.sp.decode(run) + piece
                run, after_special = [], True
            else:
                if after_special and i == 1 and self.add_prefix_space and not piece.startswith(SPACE_PIECE):
                    text += " "
                run.append(piece)
                after_special = False
        return text + self.sp.decode(run)
