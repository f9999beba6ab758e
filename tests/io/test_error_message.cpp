// The one exception -> message function the GUI and the CLI share (peftdesk::errorMessage): core's
// own errors as formatted, LibTorch's without the C++ backtrace it appends, other libraries' first
// line, running out of RAM named as such, and something for an exception that is not one.
// LibTorch's header first: it uses the identifier `slots`, which QtCore defines as a macro.
#include <c10/util/Exception.h>

#include <QtTest>
#include <filesystem>
#include <new>

#include "peftdesk/error.h"

using namespace peftdesk;

class TestErrorMessage : public QObject {
  Q_OBJECT

 private slots:
  void ownErrorsAsFormatted() {
    const Error e(ErrorCategory::Config, "must be a number", ErrorContext{"RUN.json", 7, -1, "train.learning_rate", ""});
    QCOMPARE(QString::fromStdString(errorMessage(e)), QString("RUN.json:7: field 'train.learning_rate': must be a number"));
  }

  void libTorchWithoutItsBacktrace() {
    try {
      TORCH_CHECK(false, "The size of tensor a (3) must match the size of tensor b (4)");
    } catch (const c10::Error& e) {
      QVERIFY2(std::string(e.what()).find('\n') != std::string::npos, e.what());  // what LibTorch gives: several lines
      const std::string m = errorMessage(e);
      QCOMPARE(QString::fromStdString(m), QString("The size of tensor a (3) must match the size of tensor b (4)"));
      QCOMPARE(QString::fromStdString(errorMessage(std::current_exception())), QString::fromStdString(m));
      return;
    }
    QFAIL("TORCH_CHECK did not throw");
  }

  void othersFirstLineAndMemory() {
    QCOMPARE(QString::fromStdString(errorMessage(std::runtime_error("first line\nsecond line\n"))), QString("first line"));
    QCOMPARE(QString::fromStdString(errorMessage(std::runtime_error(""))), QString("an error without a description"));
    const std::filesystem::filesystem_error fe("cannot rename", std::filesystem::path("/a"), std::make_error_code(std::errc::permission_denied));
    QVERIFY(QString::fromStdString(errorMessage(fe)).contains("/a"));
    QVERIFY(QString::fromStdString(errorMessage(std::bad_alloc())).startsWith("out of memory (RAM)"));
    QCOMPARE(QString::fromStdString(errorMessage(std::make_exception_ptr(42))), QString("an error without a description"));
    QCOMPARE(QString::fromStdString(errorMessage(std::exception_ptr())), QString("an error without a description"));
  }
};

QTEST_GUILESS_MAIN(TestErrorMessage)
#include "test_error_message.moc"
