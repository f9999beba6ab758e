// The Method page's method cards (issue 20): one card per method of the catalog, laid out from
// the C++ list model `cards` (ui/method_cards.h), which formats every figure. Clicking a card,
// or Space / Enter on the focused one (Tab moves between cards), asks the page to switch method;
// the page's form below keeps every detailed option.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

Rectangle {
    id: root
    readonly property int margin: 6
    // Every card when there is room; in a short window one row, the rest scrolled to (QuickPanel
    // reads minimumHeight).
    readonly property real minimumHeight: (flow.children.length > 0 ? flow.children[0].height : 0) + 2 * margin
    color: sysPalette.window
    implicitHeight: flow.implicitHeight + 2 * margin

    SystemPalette { id: sysPalette }

    Flickable {
        id: scroller
        anchors.fill: parent
        anchors.margins: root.margin
        contentWidth: width
        contentHeight: flow.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds
        ScrollBar.vertical: ScrollBar { policy: scroller.contentHeight > scroller.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }

        Flow {
            id: flow
            width: scroller.width - (scroller.contentHeight > scroller.height ? 12 : 0)
            spacing: 6

            Repeater {
                model: cards

                delegate: Rectangle {
                    id: card
                    required property string methodId
                    required property string name
                    required property string help
                    required property string params
                    required property string size
                    required property string memory
                    required property bool fits
                    required property string problem
                    readonly property bool chosen: cards.current === methodId

                    objectName: "card_" + methodId
                    width: 228
                    implicitHeight: column.implicitHeight + 14
                    height: implicitHeight
                    radius: 6
                    color: chosen ? Qt.rgba(sysPalette.highlight.r, sysPalette.highlight.g, sysPalette.highlight.b, 0.18) : sysPalette.base
                    border.width: activeFocus ? 3 : (chosen ? 2 : 1)
                    border.color: chosen || activeFocus ? sysPalette.highlight : sysPalette.mid
                    activeFocusOnTab: true

                    Accessible.role: Accessible.RadioButton
                    Accessible.name: name
                    Accessible.description: help
                    Accessible.checked: chosen
                    Accessible.onPressAction: cards.choose(methodId)

                    // A card reached with Tab scrolls into view.
                    onActiveFocusChanged: {
                        if (!activeFocus) return
                        if (y < scroller.contentY) scroller.contentY = y
                        else if (y + height > scroller.contentY + scroller.height) scroller.contentY = y + height - scroller.height
                    }

                    Keys.onSpacePressed: cards.choose(methodId)
                    Keys.onReturnPressed: cards.choose(methodId)
                    Keys.onEnterPressed: cards.choose(methodId)

                    MouseArea {
                        anchors.fill: parent
                        onClicked: {
                            card.forceActiveFocus()
                            cards.choose(card.methodId)
                        }
                    }

                    ColumnLayout {
                        id: column
                        x: 7
                        y: 7
                        width: card.width - 14
                        spacing: 1
                        Label {
                            objectName: "name_" + card.methodId
                            text: card.name
                            font.bold: true
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "help_" + card.methodId
                            text: card.help
                            wrapMode: Text.WordWrap
                            maximumLineCount: 2
                            elide: Text.ElideRight
                            opacity: 0.8
                            font.pointSize: Qt.application.font.pointSize * 0.9
                            Layout.fillWidth: true
                            Layout.preferredHeight: fontMetrics.height * 2
                            ToolTip.text: card.help
                            ToolTip.visible: helpHover.hovered && truncated
                            HoverHandler { id: helpHover }
                        }
                        Label {
                            objectName: "params_" + card.methodId
                            text: card.problem.length > 0 ? card.problem : card.params
                            color: card.problem.length > 0 ? "#e53935" : sysPalette.windowText
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                            ToolTip.text: text
                            ToolTip.visible: paramsHover.hovered && truncated
                            HoverHandler { id: paramsHover }
                        }
                        Label {
                            objectName: "size_" + card.methodId
                            text: card.size
                            visible: text.length > 0
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Label {
                            objectName: "memory_" + card.methodId
                            text: card.memory
                            visible: text.length > 0
                            color: card.fits ? sysPalette.windowText : "#e53935"
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                            ToolTip.text: text
                            ToolTip.visible: memoryHover.hovered && truncated
                            HoverHandler { id: memoryHover }
                        }
                    }
                }
            }
        }
    }

    FontMetrics { id: fontMetrics }
}
