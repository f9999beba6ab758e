// Helpers shared by the training tests: build a RUN.json from a reference scenario, read a run
// folder's metrics rows, compare files byte for byte.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include "test_support.h"

namespace peftdesk::test {

inline QString trainingFixture(const QString& rel) { return fixturesDir() + "/training/" + rel; }

inline void writeJson(const QString& path, const QJsonObject& o) {
  QDir().mkpath(QFileInfo(path).path());
  QFile f(path);
  f.open(QIODevice::WriteOnly | QIODevice::Truncate);
  f.write(QJsonDocument(o).toJson());
}

// The scenario's run.json with model / adapter / data / output filled in.
inline QJsonObject scenarioRun(const QString& scenario, const QString& outputDir, bool withInitAdapter = true) {
  QJsonObject run = readJsonObject(trainingFixture(scenario + "/run.json"));
  QJsonObject model = run.value("model").toObject();
  // The scenario's base model (one per family for the family_* scenarios).
  model["path"] = fixturesDir() + "/models/" + readJsonObject(trainingFixture(scenario + "/reference.json")).value("base").toString("llama_gqa");
  if (withInitAdapter) model["adapter"] = trainingFixture(scenario + "/init_adapter");
  else model.remove("adapter");
  run["model"] = model;
  QJsonObject data = run.value("data").toObject();
  data["path"] = trainingFixture("data.jsonl");
  run["data"] = data;
  run["output_dir"] = outputDir;
  return run;
}

inline QVector<QJsonObject> metricsRows(const QString& runDir) {
  QVector<QJsonObject> rows;
  QFile f(runDir + "/metrics.jsonl");
  if (!f.open(QIODevice::ReadOnly)) return rows;
  for (const QByteArray& line : f.readAll().split('\n')) {
    if (!line.trimmed().isEmpty()) rows.push_back(QJsonDocument::fromJson(line).object());
  }
  return rows;
}

inline QByteArray fileBytes(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace peftdesk::test
