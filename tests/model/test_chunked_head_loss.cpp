// The chunked output head + cross-entropy (model/chunked_head_loss.h) against the unfused path the
// trainer takes for small heads (logits in the compute dtype, fp32 cross-entropy summed): the
// loss and the gradients of the hidden states, the head's weight and its bias, in fp32 and bf16,
// for chunks of 1 row, an uneven split and one chunk, with and without a logits transform (Gemma 2's
// soft-cap, Granite's scaling); ignored targets (-100) add nothing. And the rule for when training
// chunks (head_chunking.h).
#include <ATen/ATen.h>
#include <torch/csrc/autograd/autograd.h>

#include <QtTest>

#include "model/chunked_head_loss.h"
#include "model/decoder.h"
#include "model/head_chunking.h"

using namespace peftdesk;

namespace {

struct Result {
  at::Tensor loss, gradHidden, gradWeight, gradBias;
};

Result run(bool chunked, at::ScalarType dtype, int64_t rows, bool withBias, const at::Tensor& targets,
           const LogitsTransform& transform = {}) {
  at::manual_seed(7);
  const int64_t n = targets.size(0), h = 24, v = 97;
  at::Tensor hidden = at::randn({n, h}).to(dtype).requires_grad_(true);
  at::Tensor weight = (at::randn({v, h}) * 0.3).to(dtype).requires_grad_(true);
  at::Tensor bias = withBias ? (at::randn({v}) * 0.1).to(dtype).requires_grad_(true) : at::Tensor();
  at::Tensor loss = chunked ? chunkedHeadLossSum(hidden, weight, bias, targets, rows, transform)
                            : at::cross_entropy_loss(transform.apply(at::linear(hidden, weight, bias)).to(at::kFloat), targets, {},
                                                     at::Reduction::Sum, -100);
  torch::autograd::backward({loss * 0.5});  // a non-unit upstream gradient
  return {loss.detach(), hidden.grad().to(at::kFloat), weight.grad().to(at::kFloat), withBias ? bias.grad().to(at::kFloat) : at::Tensor()};
}

double relMax(const at::Tensor& a, const at::Tensor& b) {
  return (a - b).abs().max().item<double>() / std::max(1e-12, b.abs().max().item<double>());
}

}  // namespace

class TestChunkedHeadLoss : public QObject {
  Q_OBJECT

 private slots:
  void equalsUnfused_data() {
    QTest::addColumn<int>("dtype");
    QTest::addColumn<int>("rows");
    QTest::addColumn<bool>("bias");
    QTest::addColumn<double>("tolerance");
    QTest::addColumn<double>("divisor");
    QTest::addColumn<double>("softcap");
    for (int rows : {1, 7, 40}) {
      QTest::newRow(qPrintable(QStringLiteral("fp32, %1-row chunks").arg(rows))) << int(at::kFloat) << rows << false << 1e-5 << 1.0 << 0.0;
      QTest::newRow(qPrintable(QStringLiteral("fp32 with bias, %1-row chunks").arg(rows))) << int(at::kFloat) << rows << true << 1e-5 << 1.0 << 0.0;
      // bf16 gradients are rounded to 8 bits of mantissa either way; the weight's sums over
      // chunks are rounded once per chunk here, once in all there.
      QTest::newRow(qPrintable(QStringLiteral("bf16, %1-row chunks").arg(rows))) << int(at::kBFloat16) << rows << true << 2e-2 << 1.0 << 0.0;
      // A cap of 1.5 bends most of these logits (|z| up to ~4).
      QTest::newRow(qPrintable(QStringLiteral("fp32 soft-capped, %1-row chunks").arg(rows))) << int(at::kFloat) << rows << true << 1e-5 << 1.0 << 1.5;
      QTest::newRow(qPrintable(QStringLiteral("fp32 scaled, %1-row chunks").arg(rows))) << int(at::kFloat) << rows << false << 1e-5 << 2.5 << 0.0;
      QTest::newRow(qPrintable(QStringLiteral("bf16 soft-capped, %1-row chunks").arg(rows))) << int(at::kBFloat16) << rows << true << 2e-2 << 1.0 << 1.5;
    }
  }

  void equalsUnfused() {
    QFETCH(int, dtype);
    QFETCH(int, rows);
    QFETCH(bool, bias);
    QFETCH(double, tolerance);
    QFETCH(double, divisor);
    QFETCH(double, softcap);
    const LogitsTransform transform{divisor, softcap};
    at::manual_seed(3);
    at::Tensor targets = at::randint(0, 97, {40}, at::kLong);
    targets[5] = -100;  // ignored: adds nothing, gets no gradient
    const auto type = static_cast<at::ScalarType>(dtype);
    const Result plain = run(false, type, rows, bias, targets, transform), chunked = run(true, type, rows, bias, targets, transform);
    QVERIFY2(relMax(chunked.loss, plain.loss) < 1e-6, qPrintable(QString::number(relMax(chunked.loss, plain.loss))));
    QVERIFY2(relMax(chunked.gradHidden, plain.gradHidden) < tolerance, qPrintable(QString::number(relMax(chunked.gradHidden, plain.gradHidden))));
    QVERIFY2(relMax(chunked.gradWeight, plain.gradWeight) < tolerance, qPrintable(QString::number(relMax(chunked.gradWeight, plain.gradWeight))));
    if (bias) QVERIFY2(relMax(chunked.gradBias, plain.gradBias) < tolerance, qPrintable(QString::number(relMax(chunked.gradBias, plain.gradBias))));
    QCOMPARE(chunked.gradHidden[5].abs().max().item<double>(), 0.0);
  }

  void frozenHeadGetsNoGradient() {
    at::Tensor hidden = at::randn({9, 8}).requires_grad_(true);
    const at::Tensor weight = at::randn({11, 8});
    at::Tensor loss = chunkedHeadLossSum(hidden, weight, at::Tensor(), at::randint(0, 11, {9}, at::kLong), 4, LogitsTransform{});
    torch::autograd::backward({loss});
    QVERIFY(hidden.grad().defined());
    QVERIFY(!weight.grad().defined());
  }

  void chunkingRule() {
    QCOMPARE(headChunkRows(100, 1000), int64_t{0});                   // 100k logits: one piece
    QCOMPARE(headChunkRows(4096, 151936), kMinChunkRows);            // Qwen3's vocabulary: 256 rows at a time, not 55
    QCOMPARE(headChunkRows(2 * kMinChunkRows - 1, 151936), int64_t{0});  // short of two chunks: one piece
    QCOMPARE(headChunkRows(2048, 32000), kChunkElements / 32000);    // Llama 2's: 262 rows (8 Mi logits) at a time
    QCOMPARE(headChunkRows(523, 32000), int64_t{0});
  }
};

QTEST_GUILESS_MAIN(TestChunkedHeadLoss)
#include "test_chunked_head_loss.moc"
