// PeftDesk's processes wait passively between parallel regions unless the user chose otherwise
// (decision 41): started without OMP_WAIT_POLICY, the CLI starts itself again with it set to
// PASSIVE — same arguments, same output — and --version says so; a user's own setting is kept.
// The speed this buys beside other work is measured by bench/bench_sharing.py, not here.
#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

#include "test_support.h"

namespace {

struct Run {
  int exitCode = -1;
  QString out;
};

Run cli(const QStringList& args, const QString& waitPolicy) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.remove("OMP_WAIT_POLICY");
  env.remove("PEFTDESK_SET_OMP_WAIT_POLICY");
  if (!waitPolicy.isEmpty()) env.insert("OMP_WAIT_POLICY", waitPolicy);
  p.setProcessEnvironment(env);
  p.start(QStringLiteral(PEFTDESK_CLI_PATH), args);
  if (!p.waitForFinished(60000)) return {};
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput())};
}

}  // namespace

class TestThreadSharing : public QObject {
  Q_OBJECT
 private slots:
  void passiveUnlessTheUserChose() {
    const Run ours = cli({"--version"}, {});
    QCOMPARE(ours.exitCode, 0);
    QVERIFY2(ours.out.contains("OpenMP threads wait: passive (PeftDesk's default)"), qPrintable(ours.out));
    const Run theirs = cli({"--version"}, "ACTIVE");
    QCOMPARE(theirs.exitCode, 0);
    QVERIFY2(theirs.out.contains("OpenMP threads wait: active (OMP_WAIT_POLICY)"), qPrintable(theirs.out));
  }

  // The fresh start keeps every argument (spaces, non-ASCII) and so the output.
  void theFreshStartKeepsTheArguments() {
    const QStringList args{"tokenize", peftdesk::test::sourceDir() + "/resources/demo/model", "--text", QString::fromUtf8("What is 3 plus 4? — «ok»")};
    const Run restarted = cli(args, {});
    const Run direct = cli(args, "PASSIVE");
    QCOMPARE(restarted.exitCode, 0);
    QVERIFY(!restarted.out.isEmpty());
    QCOMPARE(restarted.out, direct.out);
  }
};

QTEST_GUILESS_MAIN(TestThreadSharing)
#include "test_thread_sharing.moc"
