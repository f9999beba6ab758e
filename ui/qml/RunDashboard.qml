// The Train page's run dashboard (issue 20). It only lays out what the C++ object `dashboard`
// (ui/run_dashboard.h) formats, and its buttons trigger the Train page's own actions, so the
// enabled states and what a click does live in one place. Colours come from the application's
// palette (light or dark); the state and trend colours read on both.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Pane {
    id: root
    padding: 8
    implicitHeight: content.implicitHeight + topPadding + bottomPadding

    function stateColor(key) {
        switch (key) {
        case "running": return "#2e7d32"
        case "preparing": return "#1565c0"
        case "paused": return "#ef6c00"
        case "finished": return "#00695c"
        case "stopped": return "#6d4c41"
        case "failed": return "#c62828"
        }
        return "#546e7a"
    }

    // A button showing one of the page's QActions.
    component ActionButton: Button {
        property QtObject act
        text: act ? act.iconText : ""
        enabled: act ? act.enabled : false
        activeFocusOnTab: true
        focusPolicy: Qt.StrongFocus
        onClicked: act.trigger()
        Keys.onReturnPressed: if (enabled) act.trigger()
        Keys.onEnterPressed: if (enabled) act.trigger()
        Accessible.name: text
        Accessible.description: act ? act.toolTip : ""
        ToolTip.text: act ? act.toolTip : ""
        ToolTip.visible: hovered && ToolTip.text.length > 0
        ToolTip.delay: 600
    }

    component Caption: Label {
        opacity: 0.75
        font.pointSize: Qt.application.font.pointSize * 0.9
    }

    // Figures and gauge texts wrap rather than elide: a longer language must not cut a value.
    component Figure: Label {
        font.bold: true
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }

    ColumnLayout {
        id: content
        anchors.fill: parent
        spacing: 6

        RowLayout {
            spacing: 8
            Layout.fillWidth: true
            Rectangle {
                objectName: "stateBadge"
                color: root.stateColor(dashboard.stateKey)
                radius: 4
                implicitWidth: stateLabel.implicitWidth + 16
                implicitHeight: stateLabel.implicitHeight + 6
                Label {
                    id: stateLabel
                    objectName: "stateText"
                    anchors.centerIn: parent
                    text: dashboard.stateText
                    color: "white"
                    font.bold: true
                    Accessible.name: qsTr("Run state: %1").arg(text)
                }
            }
            Label {
                objectName: "deviceText"
                visible: dashboard.deviceText.length > 0
                text: qsTr("on %1").arg(dashboard.deviceText)
            }
            Label {
                objectName: "planText"
                text: dashboard.planText
                elide: Text.ElideMiddle
                Layout.fillWidth: true
                ToolTip.text: text
                ToolTip.visible: planHover.hovered && truncated
                HoverHandler { id: planHover }
            }
        }

        RowLayout {
            spacing: 6
            Layout.fillWidth: true
            ActionButton { objectName: "startButton"; act: dashboard.startAction; highlighted: true }
            ActionButton { objectName: "pauseButton"; act: dashboard.pauseAction }
            ActionButton { objectName: "resumeButton"; act: dashboard.resumeAction }
            ActionButton { objectName: "stopAndSaveButton"; act: dashboard.stopAndSaveAction }
            ActionButton { objectName: "stopButton"; act: dashboard.stopAction }
            Item { Layout.fillWidth: true }
        }

        ProgressBar {
            objectName: "progressBar"
            from: 0
            to: 1
            value: dashboard.progress
            Layout.fillWidth: true
            Accessible.name: qsTr("Training progress")
        }

        RowLayout {
            spacing: 18
            Layout.fillWidth: true

            ColumnLayout {
                spacing: 0
                Layout.alignment: Qt.AlignTop
                Layout.minimumWidth: 130
                Caption { objectName: "lossCaption"; text: qsTr("Loss") }
                Label {
                    objectName: "lossText"
                    text: dashboard.lossText
                    font.pointSize: Qt.application.font.pointSize * 2.2
                    font.bold: true
                    Accessible.name: qsTr("Loss %1").arg(text)
                }
                Label {
                    objectName: "trendText"
                    text: dashboard.trendText
                    color: dashboard.trend < 0 ? "#43a047" : dashboard.trend > 0 ? "#e53935" : root.palette.windowText
                }
            }

            GridLayout {
                columns: 2
                rowSpacing: 2
                columnSpacing: 8
                Layout.alignment: Qt.AlignTop
                Layout.fillWidth: true
                Caption { text: qsTr("Progress") }
                Figure { objectName: "stepText"; text: dashboard.stepText + (dashboard.epochText.length ? " · " + dashboard.epochText : "") }
                Caption { text: qsTr("Speed") }
                Figure { objectName: "speedText"; text: dashboard.speedText }
                Caption { text: qsTr("Elapsed / ETA") }
                Figure { objectName: "timeText"; text: dashboard.elapsedText + " / " + dashboard.etaText }
                Caption { text: qsTr("Last eval loss") }
                Figure { objectName: "evalText"; text: dashboard.evalText }
                Caption { text: qsTr("Checkpoints") }
                Figure { objectName: "checkpointText"; text: dashboard.checkpointText }
            }

            ColumnLayout {
                spacing: 2
                Layout.alignment: Qt.AlignTop
                Layout.preferredWidth: 220
                Layout.fillWidth: true
                Caption { text: qsTr("Memory (RAM)") }
                ProgressBar {
                    objectName: "ramGauge"
                    from: 0
                    to: 1
                    value: dashboard.ramFraction
                    Layout.fillWidth: true
                    Accessible.name: qsTr("Memory used")
                }
                Label { objectName: "ramText"; text: dashboard.ramText; wrapMode: Text.Wrap; Layout.fillWidth: true }
                Caption { text: qsTr("GPU memory") }
                ProgressBar {
                    objectName: "gpuGauge"
                    visible: dashboard.hasGpu
                    from: 0
                    to: 1
                    value: dashboard.gpuFraction
                    Layout.fillWidth: true
                    Accessible.name: qsTr("GPU memory used")
                }
                Label { objectName: "gpuText"; text: dashboard.gpuText; wrapMode: Text.Wrap; Layout.fillWidth: true }
            }
        }
    }
}
